// A booking taken on the phone or at the desk: who, which car, which services (the duration follows),
// then a free slot (with the nearest alternatives when the wanted time is taken), and book.
import { useRef, useState } from 'preact/hooks'
import { newKey } from '../shared/api/client.js'
import { type ApiError, asApiError } from '../shared/api/problem.js'
import type { Booking, Slot } from '../shared/api/types.js'
import { chosenGoods, GoodsPicker, type GoodsQuantities } from '../shared/booking/GoodsPicker.js'
import { ServicePicker } from '../shared/booking/ServicePicker.js'
import { type SlotConflict, SlotFinder } from '../shared/booking/SlotFinder.js'
import { VehicleFields } from '../shared/booking/VehicleFields.js'
import { rimOf, type VehicleDraft } from '../shared/booking/visit.js'
import { useGoods, useServices } from '../shared/catalogue.js'
import { useI18n } from '../shared/i18n/i18n.js'
import { href, navigate } from '../shared/router.js'
import { useSession } from '../shared/session.js'
import type { PageProps } from '../shared/ui/AppShell.js'
import { ErrorNotice } from '../shared/ui/ErrorNotice.js'
import { SelectField, TextField } from '../shared/ui/Field.js'
import { Notice } from '../shared/ui/Status.js'
import { PointSelect } from './PointSelect.js'
import { currentPointId, useNetworkPoints } from './points.js'

type Channel = 'staff_phone' | 'staff_desk'

export function NewBookingPage({ location }: PageProps) {
  const { t, date } = useI18n()
  const { api, session } = useSession()
  const points = useNetworkPoints(api)
  const services = useServices(api)
  const goods = useGoods(api)
  const pointId = currentPointId(location, session, points.data)
  const point = points.data?.find((p) => p.pointId === pointId)
  const [customer, setCustomer] = useState({ name: '', phone: '', email: '', fleetId: '' })
  const [channel, setChannel] = useState<Channel>('staff_phone')
  const [vehicle, setVehicle] = useState<VehicleDraft>({ plate: '', vehicleClass: 'passenger', rimInches: '' })
  const [codes, setCodes] = useState<string[]>([])
  const [quantities, setQuantities] = useState<GoodsQuantities>({})
  const [note, setNote] = useState('')
  const [slot, setSlot] = useState<Slot | null>(null)
  const [conflict, setConflict] = useState<SlotConflict | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [booked, setBooked] = useState<Booking | null>(null)
  const [busy, setBusy] = useState(false)
  const attempt = useRef<{ start: string; key: string } | null>(null)

  const submit = async () => {
    if (!pointId || !slot) return
    if (attempt.current?.start !== slot.start) attempt.current = { start: slot.start, key: newKey() }
    setBusy(true)
    setError(null)
    try {
      const c = customer
      const booking = await api.book(
        {
          pointId,
          services: codes,
          goods: chosenGoods(quantities),
          vehicle: { plate: vehicle.plate.trim(), vehicleClass: vehicle.vehicleClass, rimInches: rimOf(vehicle) },
          start: slot.start,
          channel,
          customer: {
            ...(c.name.trim() ? { name: c.name.trim() } : {}),
            ...(c.phone.trim() ? { phone: c.phone.trim() } : {}),
            ...(c.email.trim() ? { email: c.email.trim() } : {}),
            ...(c.fleetId.trim() ? { fleetId: c.fleetId.trim() } : {}),
          },
          ...(note.trim() ? { note: note.trim() } : {}),
        },
        attempt.current.key,
      )
      setBooked(booking)
      setSlot(null)
      setConflict(null)
    } catch (e) {
      const err = asApiError(e)
      if (err.problem.alternatives) {
        setConflict({ alternatives: err.problem.alternatives, wanted: slot })
        setSlot(null)
      } else setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section class="new-booking">
      <h1 tabIndex={-1}>
        {t('staff.new.title')}
        {point ? ` · ${point.name}` : ''}
      </h1>
      <ErrorNotice error={points.error ?? services.error} />
      <div class="toolbar">
        <PointSelect
          points={points.data}
          value={pointId}
          onChange={(point) => navigate('new', { point }, { replace: true })}
        />
      </div>
      {booked && (
        <Notice kind="success">
          {t('staff.new.booked', { date: date(booked.date), time: booked.localTime, plate: booked.vehicle.plate })}{' '}
          <a href={href('calendar', { point: booked.pointId, view: 'day', date: booked.date })}>
            {t('staff.new.toCalendar')}
          </a>
        </Notice>
      )}
      <form
        class="card step"
        aria-labelledby="who"
        onSubmit={(e) => {
          e.preventDefault()
        }}
      >
        <h2 id="who">{t('staff.new.customer')}</h2>
        <div class="field-row">
          <TextField
            label={t('auth.name')}
            value={customer.name}
            onValue={(name) => setCustomer({ ...customer, name })}
            autoComplete="off"
          />
          <TextField
            label={t('book.phone')}
            type="tel"
            inputMode="tel"
            value={customer.phone}
            onValue={(phone) => setCustomer({ ...customer, phone })}
            autoComplete="off"
          />
          <TextField
            label={t('auth.email')}
            type="email"
            value={customer.email}
            onValue={(email) => setCustomer({ ...customer, email })}
            autoComplete="off"
          />
          <TextField
            label={t('staff.new.fleet')}
            value={customer.fleetId}
            onValue={(fleetId) => setCustomer({ ...customer, fleetId })}
            hint={t('staff.new.fleet.hint')}
            autoComplete="off"
          />
          <SelectField<Channel>
            label={t('staff.new.channel')}
            value={channel}
            onValue={setChannel}
            options={[
              { value: 'staff_phone', label: t('channel.staff_phone') },
              { value: 'staff_desk', label: t('channel.staff_desk') },
            ]}
          />
        </div>
        <h2>{t('staff.new.car')}</h2>
        <VehicleFields value={vehicle} onChange={setVehicle} plateRequired />
      </form>
      <section class="card step" aria-labelledby="what">
        <h2 id="what">{t('staff.new.services')}</h2>
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
      <section class="card step" aria-labelledby="when">
        <h2 id="when">{t('staff.new.when')}</h2>
        <SlotFinder
          pointId={pointId}
          query={{ services: codes, vehicleClass: vehicle.vehicleClass, rimInches: rimOf(vehicle) }}
          selected={slot}
          onSelect={setSlot}
          conflict={conflict}
          blockedBy={codes.length === 0 ? t('book.needService') : null}
          initialDate={location.params.get('date') ?? undefined}
        />
      </section>
      <form
        class="card step"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <TextField label={t('staff.new.note')} value={note} onValue={setNote} />
        <ErrorNotice error={error} />
        <button type="submit" class="primary big" disabled={busy || !slot}>
          {t('staff.new.submit')}
        </button>
      </form>
    </section>
  )
}
