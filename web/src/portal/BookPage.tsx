// The customer's booking, top to bottom on one page (it reads the same on a phone): the car, the
// services and goods, the point, the date and a free slot, then log in or register and book.
import { useMemo, useRef, useState } from 'preact/hooks'
import { newKey } from '../shared/api/client.js'
import { type ApiError, asApiError } from '../shared/api/problem.js'
import type { Slot } from '../shared/api/types.js'
import { chosenGoods, GoodsPicker, type GoodsQuantities } from '../shared/booking/GoodsPicker.js'
import { ServicePicker } from '../shared/booking/ServicePicker.js'
import { type SlotConflict, SlotFinder } from '../shared/booking/SlotFinder.js'
import { VehicleFields } from '../shared/booking/VehicleFields.js'
import { featuresFor, rimOf, type VehicleDraft } from '../shared/booking/visit.js'
import { useGoods, useServices } from '../shared/catalogue.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { navigate } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { LoginForm, RegisterForm } from '../shared/ui/AuthForms.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { TextField } from '../shared/ui/Field.js'
import { Loading } from '../shared/ui/Status.js'
import { type PointChoice, PointChooser } from './PointChooser.js'

export function BookPage({ location }: PageProps) {
  const { t, money, name, date } = useI18n()
  const { api, session } = useSession()
  const services = useServices(api)
  const goods = useGoods(api)
  // "Book a visit for this vehicle" (my vehicles) passes its plate.
  const [vehicle, setVehicle] = useState<VehicleDraft>({
    plate: location.params.get('plate') ?? '',
    vehicleClass: 'passenger',
    rimInches: '',
  })
  const [codes, setCodes] = useState<string[]>([])
  const [quantities, setQuantities] = useState<GoodsQuantities>({})
  const [point, setPoint] = useState<PointChoice | null>(null)
  const [slot, setSlot] = useState<Slot | null>(null)
  const [conflict, setConflict] = useState<SlotConflict | null>(null)
  const [phone, setPhone] = useState('')
  const [accountTab, setAccountTab] = useState<'login' | 'register'>('login')
  const [error, setError] = useState<ApiError | null>(null)
  const [missing, setMissing] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  // One key per attempt at one slot: a retry after a lost answer completes the same booking.
  const attempt = useRef<{ start: string; key: string } | null>(null)
  const slotsRef = useRef<HTMLElement>(null)

  const chosen = useMemo(() => (services.data ?? []).filter((s) => codes.includes(s.code)), [services.data, codes])
  const features = featuresFor(chosen, vehicle.vehicleClass)
  const goodsLines = chosenGoods(quantities)
  const total =
    chosen.reduce((sum, s) => sum + s.price.amountMinor, 0) +
    goodsLines.reduce(
      (sum, g) => sum + (goods.data?.find((x) => x.sku === g.sku)?.price.amountMinor ?? 0) * g.quantity,
      0,
    )
  const currency = chosen[0]?.price.currency ?? 'PLN'
  const blockedBy = codes.length === 0 ? t('book.needService') : !point ? t('book.needPoint') : null

  const book = async () => {
    if (!point || !slot) return
    if (vehicle.plate.trim() === '') {
      setMissing(t('book.needPlate'))
      return
    }
    setMissing(null)
    if (attempt.current?.start !== slot.start) attempt.current = { start: slot.start, key: newKey() }
    setBusy(true)
    setError(null)
    try {
      const booking = await api.book(
        {
          pointId: point.pointId,
          services: codes,
          goods: goodsLines,
          vehicle: { plate: vehicle.plate.trim(), vehicleClass: vehicle.vehicleClass, rimInches: rimOf(vehicle) },
          start: slot.start,
          customer: {
            ...(session ? { name: session.account.displayName, email: session.account.email } : {}),
            ...(phone.trim() ? { phone: phone.trim() } : {}),
          },
        },
        attempt.current.key,
      )
      navigate(`booking/${booking.bookingId}`, { booked: 1 })
    } catch (e) {
      const err = asApiError(e)
      if (err.problem.alternatives) {
        // Somebody was faster: offer the nearest free times instead of a bare refusal.
        setConflict({ alternatives: err.problem.alternatives, wanted: slot })
        setSlot(null)
        slotsRef.current?.scrollIntoView({ block: 'start' })
      } else setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div class="book-page">
      <h1 tabIndex={-1}>{t('book.title')}</h1>
      <p class="lead">{t('book.intro')}</p>
      <ErrorNotice error={services.error ?? goods.error} />
      <Loading show={services.loading} />

      <section class="card step" aria-labelledby="step-car">
        <h2 id="step-car">{t('book.step.car')}</h2>
        <VehicleFields value={vehicle} onChange={setVehicle} plateRequired />
      </section>

      <section class="card step" aria-labelledby="step-services">
        <h2 id="step-services">{t('book.step.services')}</h2>
        {services.data && (
          <ServicePicker
            services={services.data}
            vehicleClass={vehicle.vehicleClass}
            selected={codes}
            onChange={setCodes}
          />
        )}
        {goods.data && goods.data.length > 0 && (
          <GoodsPicker goods={goods.data} quantities={quantities} onChange={setQuantities} />
        )}
      </section>

      <section class="card step" aria-labelledby="step-point">
        <h2 id="step-point">{t('book.step.point')}</h2>
        <PointChooser
          features={features}
          rimInches={rimOf(vehicle)}
          plate={vehicle.plate}
          selected={point}
          onSelect={(p) => {
            setPoint(p)
            setConflict(null)
          }}
        />
      </section>

      <section class="card step" aria-labelledby="step-slot" ref={slotsRef}>
        <h2 id="step-slot">{t('book.step.slot')}</h2>
        <SlotFinder
          pointId={point?.pointId ?? null}
          query={{ services: codes, vehicleClass: vehicle.vehicleClass, rimInches: rimOf(vehicle) }}
          selected={slot}
          onSelect={(s) => {
            setSlot(s)
            if (s) setError(null)
          }}
          conflict={conflict}
          blockedBy={blockedBy}
        />
      </section>

      <section class="card step" aria-labelledby="step-confirm">
        <h2 id="step-confirm">{t('book.step.confirm')}</h2>
        {point && slot ? (
          <dl class="summary">
            <dt>{t('book.summary.point')}</dt>
            <dd>{point.name}</dd>
            <dt>{t('book.summary.when')}</dt>
            <dd>
              {date(slot.date, 'long')}, {slot.localTime}
            </dd>
            <dt>{t('book.summary.services')}</dt>
            <dd>{chosen.map((s) => name(s.names, s.code)).join(', ')}</dd>
            <dt>{t('book.summary.total')}</dt>
            <dd>{money({ amountMinor: total, currency })}</dd>
          </dl>
        ) : (
          <p class="hint">{t('book.chooseSlotFirst')}</p>
        )}
        {!session ? (
          <div class="account-choice">
            <p>{t('book.needAccount')}</p>
            <fieldset class="tabs">
              <legend class="visually-hidden">{t('book.account')}</legend>
              <button type="button" aria-pressed={accountTab === 'login'} onClick={() => setAccountTab('login')}>
                {t('auth.haveAccount')}
              </button>
              <button type="button" aria-pressed={accountTab === 'register'} onClick={() => setAccountTab('register')}>
                {t('auth.newAccount')}
              </button>
            </fieldset>
            {accountTab === 'login' ? <LoginForm /> : <RegisterForm />}
          </div>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault()
              void book()
            }}
          >
            <p>{t('book.as', { name: session.account.displayName })}</p>
            <TextField
              label={t('book.phone')}
              type="tel"
              autoComplete="tel"
              inputMode="tel"
              value={phone}
              onValue={setPhone}
              hint={t('book.phone.hint')}
            />
            {missing && (
              <p class="error-notice" role="alert">
                {missing}
              </p>
            )}
            <ErrorNotice error={error} />
            <button type="submit" class="primary big" disabled={busy || !slot || !point}>
              {t('book.submit')}
            </button>
          </form>
        )}
      </section>
    </div>
  )
}
