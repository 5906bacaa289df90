// Head office's import and export (api/dataExchange): a template (customers, a fleet's vehicles,
// the service price list, goods, a point's stock minimums), its columns, an export or an empty
// template as CSV, XLSX or XML, and a file uploaded for import. The import takes the whole file or
// nothing; a refused file's problems are listed in words, for the file and row by row.
import { useState } from 'preact/hooks'
import { saveFile } from '../../shared/api/download.js'
import { SelectField, TextField } from '../../shared/ui/Field.js'
import { Loading, Notice } from '../../shared/ui/Status.js'
import { useAction } from '../../shared/useAction.js'
import { useLoad } from '../../shared/useLoad.js'
import { OfficeTabs } from './OfficeTabs.js'
import { SetupError, useSetup } from './setupCommon.js'

const FORMATS = ['csv', 'xlsx', 'xml'] as const
type Format = (typeof FORMATS)[number]

export function ExchangePage() {
  const { s, api, maybe } = useSetup()
  const templates = useLoad(() => api.templates(), [])
  const [name, setName] = useState('')
  const [format, setFormat] = useState<Format>('csv')
  const [owner, setOwner] = useState('')
  const [file, setFile] = useState<File | null>(null)
  const [noFile, setNoFile] = useState(false)
  const action = useAction()
  const items = templates.data?.items ?? []
  const chosen = items.find((x) => x.name === name) ?? items[0]
  const scopeKind = chosen?.scope === 'fleet' ? 'fleetId' : chosen?.scope === 'point' ? 'pointId' : null
  const scope = scopeKind && owner.trim() ? { [scopeKind]: owner.trim() } : {}
  const download = (what: 'export' | 'blank') => {
    if (!chosen) return
    void action.run(
      async () => {
        const { blob, filename } =
          what === 'export'
            ? await api.exportFile(chosen.name, format, scope)
            : await api.blankFile(chosen.name, format)
        const named = filename ?? `${chosen.name}.${format}`
        saveFile(blob, named)
        return named
      },
      (named) => s('exchange.downloaded', { file: named }),
    )
  }

  return (
    <section>
      <h1 tabIndex={-1}>{s('exchange.title')}</h1>
      <OfficeTabs current="office-exchange" />
      <p>{s('exchange.intro')}</p>
      <Loading show={templates.loading} />
      <SetupError error={templates.error} />
      {action.done && <Notice kind="success">{action.done}</Notice>}
      <SetupError error={action.error} />
      {chosen && (
        <div class="grid-2">
          <div class="card">
            <SelectField
              label={s('exchange.template')}
              value={chosen.name}
              onValue={(v) => {
                setName(v)
                setOwner('')
              }}
              options={items.map((x) => ({ value: x.name, label: maybe(`exchange.tpl.${x.name}`) ?? x.name }))}
            />
            <p class="hint">{s('exchange.columns', { columns: chosen.columns.map((c) => c.name).join(', ') })}</p>
            <SelectField
              label={s('exchange.format')}
              value={format}
              onValue={setFormat}
              options={FORMATS.map((f) => ({ value: f, label: f.toUpperCase() }))}
            />
            {scopeKind && (
              <TextField
                label={scopeKind === 'fleetId' ? s('exchange.fleetId') : s('exchange.pointId')}
                value={owner}
                onValue={setOwner}
                required
                autoCapitalize="none"
              />
            )}
            <div class="button-row">
              <button type="button" class="primary" disabled={action.busy} onClick={() => download('export')}>
                {s('exchange.export')}
              </button>
              <button type="button" disabled={action.busy} onClick={() => download('blank')}>
                {s('exchange.blank')}
              </button>
            </div>
          </div>
          <form
            class="card"
            aria-label={s('exchange.import')}
            onSubmit={(e) => {
              e.preventDefault()
              if (!file) {
                setNoFile(true)
                return
              }
              setNoFile(false)
              void action.run(
                () => api.importFile(chosen.name, file, scope),
                (r) => s('exchange.imported', { file: r.fileName, imported: r.imported, unchanged: r.unchanged }),
              )
            }}
          >
            <h2>{s('exchange.import')}</h2>
            <div class="field">
              <label for="exchange-file">{s('exchange.file')}</label>
              <input
                id="exchange-file"
                type="file"
                accept=".csv,.xlsx,.xml,text/csv,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                aria-describedby="exchange-file-hint"
                onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
              />
              <p id="exchange-file-hint" class="hint">
                {noFile ? s('exchange.noFile') : s('exchange.file.hint')}
              </p>
            </div>
            <button type="submit" class="primary" disabled={action.busy}>
              {s('exchange.importButton')}
            </button>
          </form>
        </div>
      )}
    </section>
  )
}
