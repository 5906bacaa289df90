// Logging in and registering (customers register themselves; other accounts are made by head office).
import { useState } from 'preact/hooks'
import { type ApiError, asApiError } from '../api/problem.js'
import { useI18n } from '../i18n/i18n.js'
import { useSession } from '../session.js'
import { ErrorNotice } from './ErrorNotice.js'
import { TextField } from './Field.js'

export function LoginForm(props: { readonly heading?: string; readonly onDone?: () => void }) {
  const { t } = useI18n()
  const { api, signIn } = useSession()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      class="card auth-form"
      aria-label={props.heading ?? t('auth.login')}
      onSubmit={async (e) => {
        e.preventDefault()
        setBusy(true)
        setError(null)
        try {
          signIn(await api.login(email.trim(), password))
          props.onDone?.()
        } catch (err) {
          setError(asApiError(err))
        } finally {
          setBusy(false)
        }
      }}
    >
      {props.heading && <h2>{props.heading}</h2>}
      <TextField
        label={t('auth.email')}
        type="email"
        name="email"
        autoComplete="username"
        value={email}
        onValue={setEmail}
        required
      />
      <TextField
        label={t('auth.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        value={password}
        onValue={setPassword}
        required
      />
      <ErrorNotice error={error} />
      <button type="submit" class="primary" disabled={busy}>
        {t('auth.login')}
      </button>
    </form>
  )
}

export function RegisterForm(props: { readonly onDone?: () => void }) {
  const { t } = useI18n()
  const { api, signIn } = useSession()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState<ApiError | null>(null)
  const [busy, setBusy] = useState(false)
  return (
    <form
      class="card auth-form"
      aria-label={t('auth.register')}
      onSubmit={async (e) => {
        e.preventDefault()
        setBusy(true)
        setError(null)
        try {
          await api.register(email.trim(), password, name.trim())
          signIn(await api.login(email.trim(), password))
          props.onDone?.()
        } catch (err) {
          setError(asApiError(err))
        } finally {
          setBusy(false)
        }
      }}
    >
      <TextField label={t('auth.name')} name="name" autoComplete="name" value={name} onValue={setName} required />
      <TextField
        label={t('auth.email')}
        type="email"
        name="email"
        autoComplete="email"
        value={email}
        onValue={setEmail}
        required
      />
      <TextField
        label={t('auth.password')}
        type="password"
        name="new-password"
        autoComplete="new-password"
        value={password}
        onValue={setPassword}
        minLength={10}
        hint={t('auth.password.hint')}
        required
      />
      <ErrorNotice error={error} />
      <button type="submit" class="primary" disabled={busy}>
        {t('auth.register')}
      </button>
    </form>
  )
}

/** A login page for a client whose pages all need an account. */
export function LoginPage(props: { readonly title: string; readonly intro?: string }) {
  return (
    <section class="narrow">
      <h1 tabIndex={-1}>{props.title}</h1>
      {props.intro && <p>{props.intro}</p>}
      <LoginForm />
    </section>
  )
}
