// What the desk types from a sidewall and a registration document: sizes, DOT codes, VINs.
import assert from 'node:assert/strict'
import { isoWeekMonday, parseDotDate, tyreAgeYears } from '../../../../domain/equipment/dotCode.js'
import { parseTyreSize } from '../../../../domain/equipment/tyreSize.js'
import { checkVin, vinCheckDigit } from '../../../../domain/equipment/vin.js'

const designation = (raw: string) => {
  const parsed = parseTyreSize(raw)
  return parsed.ok ? parsed.value.designation : `refused: ${parsed.reason}`
}

describe('tyre size', () => {
  it('parses passenger, reinforced, van, truck and light-truck sizes into a canonical spelling', () => {
    assert.equal(designation('205/55R16 91v'), '205/55 R16 91V')
    assert.equal(designation('205/55 R16'), '205/55 R16')
    assert.equal(designation('225/45 ZR17 94W XL'), '225/45 ZR17 94W XL')
    assert.equal(designation('195/70 R15C 104/102R'), '195/70 R15C 104/102R')
    assert.equal(designation('315/80 R22.5 156/150L'), '315/80 R22.5 156/150L')
    assert.equal(designation('LT235/85R16 120/116Q'), 'LT235/85 R16 120/116Q')
    const parsed = parseTyreSize('205/55 R16 91V')
    assert.ok(parsed.ok)
    assert.deepEqual(
      { w: parsed.value.widthMm, a: parsed.value.aspectRatio, r: parsed.value.rimInches, li: parsed.value.loadIndices },
      { w: 205, a: 55, r: 16, li: [91] },
    )
  })

  it('refuses what is not a metric size or not a real one', () => {
    for (const raw of [
      '31x10.50R15',
      '200/55 R16',
      '205/57 R16',
      '205/55 R18.5',
      '205/55 R16 91I',
      '205/55 R16 40V',
      '',
    ])
      assert.match(designation(raw), /^refused/, raw)
  })
})

describe('DOT date code', () => {
  it('reads WWYY and refuses weeks that have not begun yet at the command time', () => {
    assert.deepEqual(parseDotDate('0123', '2026-03-02'), {
      ok: true,
      value: { code: '0123', week: 1, year: 2023, pre2000: false },
    })
    assert.deepEqual(parseDotDate('DOT 4B EX 1234 5225', '2026-03-02'), {
      ok: true,
      value: { code: '5225', week: 52, year: 2025, pre2000: false },
    })
    // week 10 of 2026 begins on Monday 2 March: made "this week" is fine, next week is not
    assert.equal(isoWeekMonday(2026, 10), '2026-03-02')
    assert.equal(parseDotDate('1026', '2026-03-02').ok, true)
    assert.equal(parseDotDate('1026', '2026-03-01').ok, false)
    assert.equal(parseDotDate('1126', '2026-03-02').ok, false)
    assert.equal(parseDotDate('0026', '2026-03-02').ok, false)
    assert.equal(parseDotDate('5424', '2026-03-02').ok, false)
    assert.equal(parseDotDate('12a4', '2026-03-02').ok, false)
  })

  it('accepts three-digit pre-2000 codes as such and counts their age as at least since 1999', () => {
    const parsed = parseDotDate('239', '2026-03-02')
    assert.deepEqual(parsed, { ok: true, value: { code: '239', week: 23, year: null, pre2000: true } })
    assert.ok(parsed.ok && tyreAgeYears(parsed.value, '2026-03-02') > 26)
  })

  it('ISO weeks: week 1 holds 4 January', () => {
    assert.equal(isoWeekMonday(2021, 1), '2021-01-04')
    assert.equal(isoWeekMonday(2020, 53), '2020-12-28')
    assert.equal(isoWeekMonday(2025, 1), '2024-12-30')
  })
})

describe('VIN', () => {
  it('normalises, refuses I/O/Q and wrong lengths, and checks the North-American check digit', () => {
    assert.deepEqual(checkVin('1m8gdm9a-xkp042788'), {
      ok: true,
      value: { vin: '1M8GDM9AXKP042788', checkDigit: 'valid' },
    })
    assert.equal(vinCheckDigit('1M8GDM9AXKP042788'), 'X')
    assert.deepEqual(checkVin('WVWZZZ1JZXW000001'), {
      ok: true,
      value: { vin: 'WVWZZZ1JZXW000001', checkDigit: 'mismatch' },
    })
    assert.equal(checkVin('WVWZZZ1JZXW00000O').ok, false)
    assert.equal(checkVin('WVWZZZ1JZXW0000').ok, false)
    assert.equal(checkVin('WVWZZZ1JZXW0000_1').ok, false)
  })
})
