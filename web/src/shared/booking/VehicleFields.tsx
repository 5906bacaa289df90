// The car: registration plate, vehicle class and rim size (the rim picks a bay that takes it).
import { VEHICLE_CLASSES, type VehicleClass } from '../api/types.js'
import { useI18n } from '../i18n/i18n.js'
import { SelectField, TextField } from '../ui/Field.js'
import type { VehicleDraft } from './visit.js'

const RIMS = Array.from({ length: 14 }, (_, i) => String(13 + i))

export function VehicleFields(props: {
  readonly value: VehicleDraft
  readonly onChange: (next: VehicleDraft) => void
  readonly plateRequired?: boolean
}) {
  const { t } = useI18n()
  const v = props.value
  return (
    <div class="field-row">
      <TextField
        label={t('vehicle.plate')}
        value={v.plate}
        onValue={(plate) => props.onChange({ ...v, plate: plate.toUpperCase() })}
        required={props.plateRequired}
        autoCapitalize="characters"
        autoComplete="off"
        hint={t('vehicle.plate.hint')}
      />
      <SelectField<VehicleClass>
        label={t('vehicle.class')}
        value={v.vehicleClass}
        onValue={(vehicleClass) => props.onChange({ ...v, vehicleClass })}
        options={VEHICLE_CLASSES.map((c) => ({ value: c, label: t(`vehicleClass.${c}`) }))}
      />
      <SelectField<string>
        label={t('vehicle.rim')}
        value={v.rimInches}
        onValue={(rimInches) => props.onChange({ ...v, rimInches })}
        options={[{ value: '', label: t('vehicle.rim.unknown') }, ...RIMS.map((r) => ({ value: r, label: `${r}″` }))]}
      />
    </div>
  )
}
