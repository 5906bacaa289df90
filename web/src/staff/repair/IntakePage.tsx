// Intake: find the vehicle (or item) by plate, VIN or serial number, or register it with its owner
// (a customer found by name/phone, or a new one); fill in the intake protocol with photos taken on
// the phone (a real file input: the camera on a phone), the promised date; open the order.
import { useRef, useState } from 'preact/hooks'
import { newKey } from '../../shared/api/client.js'
import { href, navigate } from '../../shared/router.js'
import { useSession } from '../../shared/session.js'
import type { PageProps } from '../../shared/ui/AppShell.js'
import { SelectField, TextField } from '../../shared/ui/Field.js'
import { useLoad } from '../../shared/useLoad.js'
import { PointSelect } from '../PointSelect.js'
import { currentPointId, useNetworkPoints } from '../points.js'
import {
  DateTimeField,
  instantOf,
  NumberField,
  RepairError,
  rememberTrackingCode,
  useAction,
  useRepair,
} from './common.js'
import { type CustomerItem, type EquipmentItem, type FileRef, itemLabel } from './repairApi.js'
import { type SignatureHandle, SignaturePad } from './SignaturePad.js'

export function IntakePage({ location }: PageProps) {
  const { r, api, locale } = useRepair()
  const { api: shared, session } = useSession()
  const points = useNetworkPoints(shared)
  const pointId = currentPointId(location, session, points.data)
  const config = useLoad(pointId ? () => api.config(pointId) : null, [pointId, api])

  const [plate, setPlate] = useState('')
  const [found, setFound] = useState<readonly EquipmentItem[] | null>(null)
  const [item, setItem] = useState<EquipmentItem | null>(null)
  const search = useAction()

  const [registering, setRegistering] = useState(false)
  const [typeCode, setTypeCode] = useState('passenger_car')
  const [make, setMake] = useState('')
  const [model, setModel] = useState('')
  const [ownerQuery, setOwnerQuery] = useState('')
  const [owners, setOwners] = useState<readonly CustomerItem[] | null>(null)
  const [owner, setOwner] = useState<CustomerItem | null>(null)
  const [newOwner, setNewOwner] = useState({ firstName: '', lastName: '', phone: '' })
  const register = useAction()

  const [description, setDescription] = useState('')
  const [condition, setCondition] = useState('')
  const [accessories, setAccessories] = useState('')
  const [mileage, setMileage] = useState('')
  const [promised, setPromised] = useState('')
  const [startDiagnosis, setStartDiagnosis] = useState(true)
  const [photos, setPhotos] = useState<readonly File[]>([])
  const [signer, setSigner] = useState('')
  const signature = useRef<SignatureHandle | null>(null)
  const open = useAction()
  const openKey = useRef(newKey())

  const findItem = async () => {
    const page = await search.run(() => api.equipment(plate.trim()))
    if (!page) return
    setFound(page.items)
    setItem(page.items.length === 1 ? (page.items[0] ?? null) : null)
    setRegistering(page.items.length === 0)
  }

  const findOwner = async () => {
    const page = await register.run(() => api.customers(ownerQuery.trim()))
    if (page) setOwners(page.items)
  }

  const registerItem = async () => {
    const registered = await register.run(async () => {
      let customer = owner
      if (!customer) {
        const { firstName, lastName, phone } = newOwner
        customer = await api.registerCustomer(firstName.trim(), lastName.trim(), phone.trim() || null, null)
        setOwner(customer)
      }
      return api.registerEquipment({
        typeCode,
        make: make.trim(),
        model: model.trim(),
        registration: plate.trim() ? { plate: plate.trim(), country: 'PL' } : null,
        owner: { kind: 'customer', customerId: customer.customerId },
      })
    })
    if (registered) {
      setItem(registered)
      setRegistering(false)
    }
  }

  const submit = async () => {
    if (!pointId || !item) return
    const opened = await open.run(async () => {
      const refs: FileRef[] = []
      for (const photo of photos) refs.push(await api.uploadRef(photo))
      const drawn = await signature.current?.png()
      const signerName = (signer || owner?.displayName || '').trim()
      const km = mileage.trim() === '' ? null : Number(mileage)
      // The order names its customer for the documents: the chosen owner, else the item's owner of record.
      const who = owner ?? (item.ownerCustomerId ? await api.customer(item.ownerCustomerId) : null)
      return api.open(
        {
          pointId,
          equipmentId: item.equipmentId,
          intake: {
            customerDescription: description.trim(),
            conditionNotes: condition.trim(),
            accessories: accessories
              .split(',')
              .map((a) => a.trim())
              .filter(Boolean),
            mileageKm: km,
            photos: refs,
            ...(drawn && signerName ? { signature: { signerName, image: await api.uploadRef(drawn) } } : {}),
          },
          ...(who ? { customer: { name: who.displayName, phone: who.contacts.phone, email: who.contacts.email } } : {}),
          promisedAt: instantOf(promised),
          startDiagnosis,
        },
        openKey.current,
      )
    })
    if (opened) {
      rememberTrackingCode(opened.order.workOrderId, opened.trackingCode)
      navigate(`order/${opened.order.workOrderId}`)
    }
  }

  const types = config.data?.types ?? []
  return (
    <section class="intake">
      <h1 tabIndex={-1}>{r('intake.title')}</h1>
      <div class="toolbar">
        <PointSelect
          points={points.data}
          value={pointId}
          onChange={(p) => navigate('intake', { point: p }, { replace: true })}
        />
        <a href={href('orders', { point: pointId })}>{r('intake.toBoard')}</a>
      </div>
      <RepairError error={points.error ?? config.error} />

      <form
        class="card step"
        aria-labelledby="intake-item"
        onSubmit={(e) => {
          e.preventDefault()
          void findItem()
        }}
      >
        <h2 id="intake-item">{r('intake.item')}</h2>
        <TextField
          label={r('intake.plate')}
          value={plate}
          onValue={setPlate}
          required
          autoCapitalize="characters"
          hint={r('intake.plate.hint')}
        />
        <button type="submit" disabled={search.busy || plate.trim() === ''}>
          {r('intake.find')}
        </button>
        <RepairError error={search.error} />
        {found && found.length > 1 && (
          <fieldset>
            <legend>{r('intake.choose')}</legend>
            {found.map((f) => (
              <label key={f.equipmentId} class="choice">
                <input
                  type="radio"
                  name="item"
                  checked={item?.equipmentId === f.equipmentId}
                  onChange={() => setItem(f)}
                />
                {itemLabel(f)} · {f.make} {f.model}
              </label>
            ))}
          </fieldset>
        )}
        {item && (
          <p class="notice notice-success" role="status">
            {r('intake.chosen', {
              item: `${itemLabel(item)} ${item.make} ${item.model}`,
            })}
          </p>
        )}
        {found && found.length === 0 && !item && <p role="status">{r('intake.notFound')}</p>}
        {found && !item && !registering && (
          <button type="button" class="link-button" onClick={() => setRegistering(true)}>
            {r('intake.registerInstead')}
          </button>
        )}
      </form>

      {registering && !item && (
        <form
          class="card step"
          aria-labelledby="intake-register"
          onSubmit={(e) => {
            e.preventDefault()
            void registerItem()
          }}
        >
          <h2 id="intake-register">{r('intake.register')}</h2>
          <div class="field-row">
            <SelectField
              label={r('intake.type')}
              value={typeCode}
              onValue={setTypeCode}
              options={types.map((ty) => ({
                value: ty.typeCode,
                label: ty.names[locale] ?? ty.names.pl ?? ty.typeCode,
              }))}
            />
            <TextField label={r('intake.make')} value={make} onValue={setMake} required />
            <TextField label={r('intake.model')} value={model} onValue={setModel} />
          </div>
          <h3>{r('intake.owner')}</h3>
          <div class="field-row">
            <TextField label={r('intake.ownerSearch')} type="search" value={ownerQuery} onValue={setOwnerQuery} />
          </div>
          <button type="button" disabled={register.busy || ownerQuery.trim() === ''} onClick={() => void findOwner()}>
            {r('intake.findOwner')}
          </button>
          {owners && (
            <fieldset>
              <legend>{r('intake.ownerFound', { n: owners.length })}</legend>
              {owners.map((o) => (
                <label key={o.customerId} class="choice">
                  <input
                    type="radio"
                    name="owner"
                    checked={owner?.customerId === o.customerId}
                    onChange={() => setOwner(o)}
                  />
                  {o.displayName} {o.contacts.phone ?? o.contacts.email ?? ''}
                </label>
              ))}
            </fieldset>
          )}
          {!owner && (
            <>
              <p class="hint">{r('intake.newOwner')}</p>
              <div class="field-row">
                <TextField
                  label={r('intake.firstName')}
                  value={newOwner.firstName}
                  onValue={(firstName) => setNewOwner({ ...newOwner, firstName })}
                />
                <TextField
                  label={r('intake.lastName')}
                  value={newOwner.lastName}
                  onValue={(lastName) => setNewOwner({ ...newOwner, lastName })}
                />
                <TextField
                  label={r('intake.phone')}
                  type="tel"
                  inputMode="tel"
                  value={newOwner.phone}
                  onValue={(phone) => setNewOwner({ ...newOwner, phone })}
                />
              </div>
            </>
          )}
          <RepairError error={register.error} />
          <button type="submit" class="primary" disabled={register.busy || make.trim() === ''}>
            {r('intake.registerSubmit')}
          </button>
        </form>
      )}

      <form
        class="card step"
        aria-labelledby="intake-protocol"
        onSubmit={(e) => {
          e.preventDefault()
          void submit()
        }}
      >
        <h2 id="intake-protocol">{r('intake.protocol')}</h2>
        <TextField label={r('intake.description')} value={description} onValue={setDescription} required />
        <TextField label={r('intake.condition')} value={condition} onValue={setCondition} />
        <div class="field-row">
          <TextField
            label={r('intake.accessories')}
            value={accessories}
            onValue={setAccessories}
            hint={r('intake.accessories.hint')}
          />
          <NumberField label={r('intake.mileage')} value={mileage} onValue={setMileage} />
        </div>
        <div class="field">
          <label for="intake-photos">{r('intake.photos')}</label>
          <input
            id="intake-photos"
            type="file"
            accept="image/jpeg,image/png,image/webp,image/heic"
            capture="environment"
            multiple
            aria-describedby="intake-photos-hint"
            onChange={(e) => {
              setPhotos(Array.from(e.currentTarget.files ?? []))
              open.setError(null)
            }}
          />
          <p class="hint" id="intake-photos-hint">
            {photos.length > 0 ? r('intake.photos.chosen', { n: photos.length }) : r('intake.photos.hint')}
          </p>
        </div>
        <div class="field-row">
          <DateTimeField label={r('intake.promised')} value={promised} onValue={setPromised} />
          <label class="choice">
            <input
              type="checkbox"
              checked={startDiagnosis}
              onChange={(e) => setStartDiagnosis(e.currentTarget.checked)}
            />
            {r('intake.startDiagnosis')}
          </label>
        </div>
        <SignaturePad label={r('intake.signature')} handle={signature} />
        <TextField
          label={r('intake.signer')}
          value={signer || owner?.displayName || ''}
          onValue={setSigner}
          hint={r('intake.signer.hint')}
        />
        <RepairError error={open.error} />
        {!item && <p class="hint">{r('intake.needItem')}</p>}
        <button type="submit" class="primary big" disabled={open.busy || !item || description.trim() === ''}>
          {open.busy ? r('common.working') : r('intake.submit')}
        </button>
      </form>
    </section>
  )
}
