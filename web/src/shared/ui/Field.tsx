// Form fields with their label, hint and error tied to the control (for/id, aria-describedby,
// aria-invalid), so every field is announced with what it asks for and what went wrong.
import type { ComponentChildren } from 'preact'
import { useId } from 'preact/hooks'

interface FieldFrameProps {
  readonly id: string
  readonly label: string
  readonly hint?: string | undefined
  readonly error?: string | undefined
  readonly required?: boolean | undefined
  readonly children: ComponentChildren
}

function FieldFrame(props: FieldFrameProps) {
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={props.id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.children}
      {props.hint && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
    </div>
  )
}

const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined

export interface TextFieldProps {
  readonly label: string
  readonly value: string
  readonly onValue: (value: string) => void
  readonly type?: 'text' | 'email' | 'password' | 'tel' | 'date' | 'time' | 'datetime-local' | 'number' | 'search'
  readonly name?: string
  readonly required?: boolean
  readonly autoComplete?: string
  readonly inputMode?: 'text' | 'numeric' | 'tel' | 'email' | 'search'
  readonly hint?: string | undefined
  readonly error?: string | undefined
  readonly min?: string | number
  readonly max?: string | number
  readonly minLength?: number
  readonly step?: number
  readonly placeholder?: string
  readonly autoCapitalize?: 'characters' | 'none' | 'words'
}

export function TextField(props: TextFieldProps) {
  const id = useId()
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} error={props.error} required={props.required}>
      <input
        id={id}
        name={props.name}
        // Preact's types narrow the allowed attributes per input type; these types all accept the
        // attributes passed here, so the union is stated as one of them.
        type={(props.type ?? 'text') as 'text'}
        value={props.value}
        required={props.required}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        min={props.min}
        max={props.max}
        minLength={props.minLength}
        step={props.step}
        placeholder={props.placeholder}
        autoCapitalize={props.autoCapitalize}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.hint, props.error)}
        onInput={(e) => props.onValue(e.currentTarget.value)}
      />
    </FieldFrame>
  )
}

export interface SelectFieldProps<V extends string> {
  readonly label: string
  readonly value: V
  readonly onValue: (value: V) => void
  readonly options: readonly { readonly value: V; readonly label: string }[]
  readonly name?: string
  readonly hint?: string
  readonly required?: boolean
}

export function SelectField<V extends string>(props: SelectFieldProps<V>) {
  const id = useId()
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} required={props.required}>
      <select
        id={id}
        name={props.name}
        value={props.value}
        required={props.required}
        aria-describedby={describedBy(id, props.hint)}
        onChange={(e) => {
          const chosen = props.options.find((o) => o.value === e.currentTarget.value)
          if (chosen) props.onValue(chosen.value)
        }}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  )
}
