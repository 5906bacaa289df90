// Small shared pieces: a loading line, a booking status badge, a polite status message.
import type { ComponentChildren } from 'preact'
import type { BookingStatus } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'

export function Loading(props: { readonly show: boolean }) {
  const { t } = useI18n()
  return props.show ? (
    <p class="loading" role="status">
      {t('common.loading')}
    </p>
  ) : null
}

export function StatusBadge(props: { readonly status: BookingStatus }) {
  const { t } = useI18n()
  return <span class={`badge badge-${props.status}`}>{t(`status.${props.status}`)}</span>
}

export function Notice(props: { readonly children: ComponentChildren; readonly kind?: 'success' | 'info' }) {
  return (
    <p class={`notice notice-${props.kind ?? 'info'}`} role="status">
      {props.children}
    </p>
  )
}
