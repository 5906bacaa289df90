// A report definition's life: registered at version 1, changed (a new version, so its read model
// is rebuilt blue/green), retired, registered again. Registering the same definition again is a
// no-op, so an analyst can re-submit a file safely. Versions only grow: a read model built from a
// higher version is never replaced by a lower one.
import { left, right } from 'fp-ts/lib/Either.js'
import { type Decider, domainError } from '../../domain/shared/decider.js'
import { canonicalJson } from '../eventLog/canonicalJson.js'
import type { ReportDefinition } from './reportDefinition.js'
import type { DefinitionEvent, SourceFormat } from './reportEvents.js'

export type DefinitionState =
  | { readonly status: 'none' }
  | {
      readonly status: 'active' | 'retired'
      readonly version: number
      /** Canonical JSON of the definition without its version: what "the same definition" means. */
      readonly fingerprint: string
    }

export type DefinitionCommand =
  | {
      readonly kind: 'RegisterDefinition'
      readonly definition: ReportDefinition
      readonly format: SourceFormat
      readonly source: string
    }
  | { readonly kind: 'RetireDefinition'; readonly name: string; readonly reason: string | null }

export function fingerprintOf(definition: ReportDefinition): string {
  const { version: _version, ...rest } = definition
  return canonicalJson(rest)
}

export const reportDefinitionDecider: Decider<DefinitionCommand, DefinitionState, DefinitionEvent> = {
  initialState: { status: 'none' },
  decide(command, state) {
    if (command.kind === 'RetireDefinition') {
      if (state.status === 'none')
        return left(domainError('not_found', 'REPORT_NOT_FOUND', `no report definition ${command.name}`))
      if (state.status === 'retired') return right([])
      return right([
        {
          type: 'ReportDefinitionRetired',
          data: { name: command.name, version: state.version, reason: command.reason },
        },
      ])
    }
    const { definition, format, source } = command
    const asked = definition.version
    const fingerprint = fingerprintOf(definition)
    if (
      state.status === 'active' &&
      fingerprint === state.fingerprint &&
      (asked === undefined || asked === state.version)
    )
      return right([])
    const current = state.status === 'none' ? 0 : state.version
    if (asked !== undefined && asked <= current)
      return left(
        domainError(
          'conflict',
          'REPORT_VERSION_TAKEN',
          `${definition.name} is at version ${current}; leave version out (the next is ${current + 1}) or give a higher one`,
          [{ path: 'version', message: `must be above ${current}` }],
        ),
      )
    const version = asked ?? current + 1
    const data = { name: definition.name, version, definition: { ...definition, version }, format, source }
    return right([
      state.status === 'active'
        ? { type: 'ReportDefinitionChanged' as const, data }
        : { type: 'ReportDefinitionRegistered' as const, data },
    ])
  },
  evolve(state, event) {
    switch (event.type) {
      case 'ReportDefinitionRegistered':
      case 'ReportDefinitionChanged':
        return {
          status: 'active',
          version: event.data.version,
          fingerprint: fingerprintOf(event.data.definition),
        }
      case 'ReportDefinitionRetired':
        return state.status === 'none' ? state : { ...state, status: 'retired' }
    }
  },
}
