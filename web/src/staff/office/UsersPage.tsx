// Head office's users and roles: the accounts (GET /accounts, by e-mail) filtered by role and
// point or fleet, and searched by a part of the name or the address (here in the browser over every
// page of the filtered list: the API filters by role, point/fleet and state only); each deactivated
// or reactivated from its row, or given a new password (PUT /accounts/{id}/password); a new account
// with its role and the point or fleet it works for. The list is a read model: what was just done
// here is shown at once. A chunk of its own (its texts are in setupTexts.ts).
import { useEffect, useState } from 'preact/hooks'
import { type AccountView, officeEndpoints } from '../../shared/api/officeEndpoints.js'
import type { Role } from '../../shared/api/types.js'
import { useI18n } from '../../shared/i18n/i18n.js'
import { useSession } from '../../shared/session.js'
import { ErrorNotice } from '../../shared/ui/ErrorNotice.js'
import { SelectField, TextField } from '../../shared/ui/Field.js'
import { Loading, Notice } from '../../shared/ui/Status.js'
import { useAction } from '../../shared/useAction.js'
import { useLoad } from '../../shared/useLoad.js'
import { OfficeTabs } from './OfficeTabs.js'
import { SetupError, useSetup } from './setupCommon.js'

const ROLES: readonly Role[] = [
  'service_point_employee',
  'service_point_manager',
  'service_point',
  'fleet_manager',
  'fleet_client',
  'head_office',
  'customer',
]
const needsPoint = (r: Role) => r.startsWith('service_point')
const needsFleet = (r: Role) => r.startsWith('fleet')

export function UsersPage() {
  const { t, maybe } = useI18n()
  const { client } = useSession()
  const api = officeEndpoints(client)
  const [f, setF] = useState({ email: '', name: '', password: '', role: 'service_point_employee' as Role, tenant: '' })
  const action = useAction()
  const busy = action.busy
  const [filter, setFilter] = useState({ role: '' as Role | '', tenant: '' })
  const [shown, setShown] = useState(filter)
  const setup = useSetup()
  const s = setup.s
  const [search, setSearch] = useState('')
  const [reset, setReset] = useState<{ account: AccountView; password: string } | null>(null)
  // The reset form opens above the list: on a phone the row's button is far below, so go to it.
  const resetFor = reset?.account.accountId
  useEffect(() => {
    if (!resetFor) return
    const input = document.querySelector<HTMLInputElement>('form.password-reset input[type=password]')
    input?.scrollIntoView({ block: 'center' })
    input?.focus()
  }, [resetFor])
  // Every page of the filtered list (200 a page, the API's most), so a search finds any account.
  const list = useLoad(async () => {
    const query = {
      ...(shown.role ? { role: shown.role } : {}),
      ...(shown.tenant.trim() ? { [shown.role.startsWith('fleet') ? 'fleetId' : 'pointId']: shown.tenant.trim() } : {}),
    }
    const first = await api.accounts({ ...query, limit: 200 })
    const items = [...first.items]
    while (items.length < first.total && items.length < 5000) {
      const next = await api.accounts({ ...query, limit: 200, offset: items.length })
      if (next.items.length === 0) break
      items.push(...next.items)
    }
    return { ...first, items }
  }, [shown.role, shown.tenant])
  // What this page did, newest first: it overrides the list's row (the read model follows shortly).
  const [recent, setRecent] = useState<AccountView[]>([])
  const roleWord = (r: string) => maybe(`office.role.${r}`) ?? r
  const remember = (a: AccountView) => setRecent((done) => [a, ...done.filter((x) => x.accountId !== a.accountId)])
  const listed = list.data?.items ?? []
  const all = [
    ...recent.filter((a) => !listed.some((x) => x.accountId === a.accountId)),
    ...listed.map((a) => recent.find((x) => x.accountId === a.accountId) ?? a),
  ]
  const words = fold(search).split(/\s+/).filter(Boolean)
  const accounts = words.length
    ? all.filter((a) => {
        const text = fold(`${a.displayName} ${a.email}`)
        return words.every((w) => text.includes(w))
      })
    : all
  const run = (what: () => Promise<AccountView>, message: (a: AccountView) => string) =>
    action.run(what, (a) => {
      remember(a)
      return message(a)
    })

  return (
    <section>
      <h1 tabIndex={-1}>{t('office.users.title')}</h1>
      <OfficeTabs current="office-users" />
      {action.done && <Notice kind="success">{action.done}</Notice>}
      <SetupError error={action.error} />
      {reset && (
        <form
          class="card password-reset"
          aria-label={s('users.resetFor', { name: reset.account.displayName })}
          onSubmit={async (e) => {
            e.preventDefault()
            const account = reset.account
            const done = await action.run(
              () => setup.api.resetPassword(account.accountId, reset.password).then(() => true),
              () => s('users.passwordSet', { name: account.displayName }),
            )
            if (done) setReset(null)
          }}
        >
          <h2>{s('users.resetFor', { name: reset.account.displayName })}</h2>
          <p>{reset.account.email}</p>
          <TextField
            label={s('users.newPassword')}
            type="password"
            autoComplete="new-password"
            minLength={10}
            value={reset.password}
            onValue={(v) => setReset({ ...reset, password: v })}
            required
          />
          <div class="button-row">
            <button type="submit" class="primary" disabled={busy}>
              {s('users.setPassword')}
            </button>
            <button type="button" onClick={() => setReset(null)}>
              {s('users.cancel')}
            </button>
          </div>
        </form>
      )}
      <div class="grid-2">
        <form
          class="card"
          aria-label={t('office.users.create')}
          onSubmit={(e) => {
            e.preventDefault()
            const tenant = f.tenant.trim()
            void run(
              () =>
                api.createAccount({
                  email: f.email.trim(),
                  displayName: f.name.trim(),
                  password: f.password,
                  role: f.role,
                  ...(needsPoint(f.role) && tenant ? { pointId: tenant } : {}),
                  ...(needsFleet(f.role) && tenant ? { fleetId: tenant } : {}),
                }),
              (a) => t('office.users.created', { name: a.displayName, id: a.accountId }),
            )
          }}
        >
          <h2>{t('office.users.create')}</h2>
          <TextField label={t('auth.name')} value={f.name} onValue={(v) => setF({ ...f, name: v })} required />
          <TextField
            label={t('auth.email')}
            type="email"
            value={f.email}
            onValue={(v) => setF({ ...f, email: v })}
            required
          />
          <TextField
            label={t('office.users.password')}
            type="password"
            autoComplete="new-password"
            minLength={10}
            hint={t('auth.password.hint')}
            value={f.password}
            onValue={(v) => setF({ ...f, password: v })}
            required
          />
          <SelectField
            label={t('office.users.role')}
            value={f.role}
            onValue={(v) => setF({ ...f, role: v })}
            options={ROLES.map((r) => ({ value: r, label: roleWord(r) }))}
          />
          {(needsPoint(f.role) || needsFleet(f.role)) && (
            <TextField
              label={needsPoint(f.role) ? t('office.users.pointId') : t('fleet.fleetId')}
              value={f.tenant}
              onValue={(v) => setF({ ...f, tenant: v })}
              required
              autoCapitalize="none"
            />
          )}
          <button type="submit" class="primary" disabled={busy}>
            {t('office.users.create')}
          </button>
        </form>
      </div>
      <h2>{t('office.users.list')}</h2>
      <form
        class="card field-row filters"
        aria-label={t('office.users.filters')}
        onSubmit={(e) => {
          e.preventDefault()
          setShown(filter)
        }}
      >
        <SelectField
          label={t('office.users.role')}
          value={filter.role}
          onValue={(v) => setFilter({ ...filter, role: v })}
          options={[
            { value: '' as Role | '', label: t('office.users.anyRole') },
            ...ROLES.map((r) => ({ value: r, label: roleWord(r) })),
          ]}
        />
        <TextField
          label={t('office.users.tenantFilter')}
          hint={t('office.users.tenantFilter.hint')}
          value={filter.tenant}
          onValue={(v) => setFilter({ ...filter, tenant: v })}
          autoCapitalize="none"
        />
        <button type="submit" class="field-action">
          {t('office.users.show')}
        </button>
      </form>
      <TextField
        label={s('users.search')}
        hint={s('users.search.hint')}
        type="search"
        value={search}
        onValue={setSearch}
        autoCapitalize="none"
      />
      <Loading show={list.loading} />
      <ErrorNotice error={list.error} />
      {list.data && (
        <p role="status">
          {words.length
            ? s('users.found', { n: accounts.length, total: all.length })
            : t('office.users.count', { n: list.data.total })}
        </p>
      )}
      {accounts.length > 0 && (
        <div class="table-wrap">
          <table class="responsive accounts">
            <caption class="visually-hidden">{t('office.users.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('auth.name')}</th>
                <th scope="col">{t('auth.email')}</th>
                <th scope="col">{t('office.users.role')}</th>
                <th scope="col">{t('office.users.scope')}</th>
                <th scope="col">{t('office.users.state')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('staff.points.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.accountId}>
                  <th scope="row" data-label={t('auth.name')}>
                    {a.displayName}
                  </th>
                  <td data-label={t('auth.email')}>{a.email}</td>
                  <td data-label={t('office.users.role')}>{roleWord(a.role)}</td>
                  <td data-label={t('office.users.scope')}>
                    {a.tenant.pointId ?? a.tenant.fleetId ?? a.tenant.customerId ?? t('office.users.network')}
                  </td>
                  <td data-label={t('office.users.state')}>
                    {a.status === 'active' ? t('office.users.active') : t('office.users.deactivated')}
                  </td>
                  <td>
                    {a.status === 'active' && (
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={s('users.resetFor', { name: a.displayName })}
                        onClick={() => setReset({ account: a, password: '' })}
                      >
                        {s('users.reset')}
                      </button>
                    )}{' '}
                    {a.status === 'active' ? (
                      <button
                        type="button"
                        class="danger"
                        disabled={busy}
                        onClick={() =>
                          run(
                            () => api.deactivateAccount(a.accountId),
                            (x) => t('office.users.deactivatedOne', { name: x.displayName }),
                          )
                        }
                      >
                        {t('office.users.deactivate')}
                      </button>
                    ) : (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() =>
                          run(
                            () => api.reactivateAccount(a.accountId),
                            (x) => t('office.users.reactivatedOne', { name: x.displayName }),
                          )
                        }
                      >
                        {t('office.users.reactivate')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

/** Lower case without Polish accents: "Łukasz" is found by "lukasz". */
const fold = (text: string) =>
  text
    .toLowerCase()
    .replace(/ł/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
