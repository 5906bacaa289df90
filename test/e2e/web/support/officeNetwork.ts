// What the portal-repair, fleet-dashboard and head-office browser tests need on top of the small
// network, made through the application services: a customer with a car (tyres mounted, one order
// whose estimate of two lines waits for his answer, one handed over to rate), and two fleets with
// branches and vehicles (tyres on some), a manager and a billed contract (three months) for the first.
import { isLeft } from 'fp-ts/lib/Either.js'
import type { Password } from '../../../../application/access/password.js'
import type { DisplayName, Email, EntityId } from '../../../../domain/access/fields.js'
import type { Principal } from '../../../../domain/access/principal.js'
import type { DomainError } from '../../../../domain/shared/decider.js'
import type { Platform } from '../../../../infrastructure/composition.js'
import { PASSWORD, type SmallNetwork } from './smallNetwork.js'

export interface OfficeNetwork {
  readonly customer: { readonly email: string; readonly customerId: string; readonly plate: string }
  /** An order whose estimate waits: its id, the estimate's code, the lines' ids and descriptions. */
  readonly estimate: {
    readonly workOrderId: string
    readonly trackingCode: string
    readonly code: string
    readonly lines: readonly { readonly lineId: string; readonly description: RegExp }[]
  }
  /** Her resolved helpdesk ticket, to rate. */
  readonly ticketId: string
  /** An order handed over, to rate. */
  readonly handedOver: { readonly workOrderId: string; readonly trackingCode: string }
  readonly fleet: {
    readonly fleetId: string
    readonly name: string
    readonly manager: string
    readonly branches: Readonly<Record<string, string>>
    /** Plates (as stored) by branch id. */
    readonly plates: Readonly<Record<string, readonly string[]>>
    /** Months billed (YYYY-MM), each with the contract's monthly fee. */
    readonly billedMonths: readonly string[]
  }
  readonly otherFleet: { readonly fleetId: string; readonly equipmentId: string; readonly plate: string }
}

export async function seedOfficeNetwork(platform: Platform, network: SmallNetwork): Promise<OfficeNetwork> {
  const hq = { id: 'web-e2e-office-hq', role: 'head_office', tenant: { scope: 'network' } } as unknown as Principal
  const { repair, business, access } = platform
  let n = 0
  const meta = () => ({ correlationId: `web-office-${++n}`, causationId: null, now: new Date().toISOString() })
  const must = <T>(what: string, r: { _tag: 'Left'; left: DomainError } | { _tag: 'Right'; right: T }): T => {
    if (isLeft(r))
      throw new Error(`seed: ${what}: ${r.left.code} ${r.left.message} ${JSON.stringify(r.left.fields ?? [])}`)
    return r.right
  }

  // ── a customer, his car and two orders ──
  const email = 'ewa@test.pl'
  const account = must(
    'customer',
    await access.accounts.registerCustomer(
      { email: email as Email, password: PASSWORD as Password, displayName: 'Ewa Kowalczyk' as DisplayName },
      meta(),
    ),
  )
  const customerId = account.tenant.scope === 'customer' ? account.tenant.customerId : ''
  const car = 'car-ewa'
  must(
    'car',
    await repair.equipment.register(
      hq,
      {
        equipmentId: car,
        typeCode: 'passenger_car',
        make: 'Toyota',
        model: 'Corolla',
        registration: { plate: 'WI 7007E' },
        owner: { kind: 'customer', customerId },
      },
      meta(),
    ),
  )
  for (const position of ['FL', 'FR', 'RL', 'RR'] as const)
    must(
      `tyre ${position}`,
      await repair.equipment.change(
        hq,
        car,
        {
          kind: 'MountTyre',
          tyreId: `${car}-${position}`,
          position,
          brand: 'Dębica',
          size: '205/55R16',
          dotCode: '1224',
          season: 'winter',
          treadDepthMm: position.startsWith('F') ? 3.4 : 5.1,
          mileageKm: 60_000,
        },
        meta(),
      ),
    )
  const open = async (description: string) =>
    must(
      'order',
      await repair.workOrders.open(
        hq,
        {
          pointId: network.pointId,
          equipmentId: car,
          customer: { name: 'Ewa Kowalczyk', phone: '+48 600 700 800' },
          intake: { customerDescription: description, mileageKm: 61_000 },
          promisedAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        },
        meta(),
      ),
    )
  const change = async (id: string, c: Parameters<typeof repair.workOrders.change>[2]) =>
    must(`order ${id} ${c.kind}`, await repair.workOrders.change(hq, id, c, meta()))

  // Handed over first (older), to rate: one service, approved at the desk, repaired, handed over.
  const done = await open('Wymiana opon na zimowe')
  const doneId = done.order.workOrderId
  await change(doneId, { kind: 'AddLine', line: { kind: 'service', serviceCode: 'SEASONAL_CHANGE', lineId: 'change' } })
  must('send', await repair.workOrders.sendEstimate(hq, doneId, { channel: 'in_person' }, meta()))
  must(
    'decide',
    await repair.workOrders.decide(
      hq,
      doneId,
      {
        revision: 1,
        decidedByName: 'Ewa Kowalczyk',
        channel: 'in_person',
        decisions: [{ lineId: 'change', decision: 'approved', reason: null }],
      },
      meta(),
    ),
  )
  await change(doneId, { kind: 'StartRepair' })
  await change(doneId, { kind: 'AddLogEntry', text: 'Opony zimowe założone, koła wyważone', visibleToCustomer: true })
  await change(doneId, { kind: 'MarkReady', summary: 'Opony zimowe założone' })
  await change(doneId, { kind: 'HandOver', receivedBy: 'Ewa Kowalczyk' })

  // Waiting for the customer: a service and a part, sent with the link's code.
  const waiting = await open('Stuki z przodu, kontrola opon')
  const waitingId = waiting.order.workOrderId
  await change(waitingId, { kind: 'AddLine', line: { kind: 'service', serviceCode: 'BALANCING', lineId: 'balance' } })
  await change(waitingId, {
    kind: 'AddLine',
    line: { kind: 'goods', sku: 'VALVE-TR413', quantity: 4, lineId: 'valves' },
  })
  const sent = must('send estimate', await repair.workOrders.sendEstimate(hq, waitingId, { channel: 'sms' }, meta()))

  // A helpdesk ticket of hers, answered and resolved: the "rate us" message links to it.
  const ticket = must(
    'ticket',
    await business.tickets.open(
      hq,
      {
        subject: 'Bicie kierownicy po wymianie',
        description: 'Kierownica drga przy 100 km/h.',
        priority: 'normal',
        requester: { customerId, fleetId: null },
        channel: 'email',
      },
      meta(),
    ),
  )
  must(
    'ticket reply',
    await business.tickets.step(
      hq,
      ticket.ticketId,
      {
        kind: 'PostTicketMessage',
        messageId: 'reply-1',
        visibility: 'public',
        body: 'Zapraszamy na bezpłatne wyważenie.',
      },
      meta(),
    ),
  )
  must(
    'ticket resolved',
    await business.tickets.step(hq, ticket.ticketId, { kind: 'ResolveTicket', resolution: 'Koła wyważone.' }, meta()),
  )

  // ── two fleets ──
  const address = { street: 'ul. Prosta 1', postalCode: '00-001', city: 'Warszawa', country: 'PL' }
  const fleets = [
    {
      fleetId: 'fleet-alfa',
      customerId: 'cust-alfa',
      name: 'Alfa Logistyka',
      taxId: '5252248481',
      branches: { waw: 'Warszawa', krk: 'Kraków' } as Record<string, string>,
      vehicles: [
        { equipmentId: 'alfa-1', plate: 'WA 1111A', branchId: 'waw', tread: 2.6 },
        { equipmentId: 'alfa-2', plate: 'WA 2222A', branchId: 'waw', tread: 6.5 },
        { equipmentId: 'alfa-3', plate: 'KR 3333A', branchId: 'krk', tread: null },
      ],
    },
    {
      fleetId: 'fleet-beta',
      customerId: 'cust-beta',
      name: 'Beta Taxi',
      taxId: '5260250995',
      branches: { gda: 'Gdańsk' } as Record<string, string>,
      vehicles: [{ equipmentId: 'beta-1', plate: 'GD 9999B', branchId: 'gda', tread: 4.2 }],
    },
  ]
  for (const f of fleets) {
    must(
      `company ${f.name}`,
      await business.customers.register(
        hq,
        {
          customerId: f.customerId,
          party: { kind: 'company', companyName: f.name, taxId: { country: 'PL', value: f.taxId } },
          contacts: { email: `${f.fleetId}@test.pl`, phone: null },
          preferences: { preferredChannel: 'email', language: 'pl' },
        } as Parameters<typeof business.customers.register>[1],
        meta(),
      ),
    )
    must(
      `fleet ${f.name}`,
      await business.fleets.register(
        hq,
        {
          fleetId: f.fleetId,
          customerId: f.customerId,
          name: f.name,
          headOffice: { address, contacts: { email: `${f.fleetId}@test.pl`, phone: null } },
        },
        meta(),
      ),
    )
    for (const [branchId, name] of Object.entries(f.branches))
      must(
        `branch ${branchId}`,
        await business.fleets.change(
          hq,
          f.fleetId,
          { kind: 'OpenBranch', branch: { branchId, name, address, contacts: { email: null, phone: null } } },
          meta(),
        ),
      )
    for (const v of f.vehicles) {
      must(
        `equipment ${v.plate}`,
        await repair.equipment.register(
          hq,
          {
            equipmentId: v.equipmentId,
            typeCode: 'van',
            make: 'Ford',
            model: 'Transit',
            registration: { plate: v.plate },
            owner: { kind: 'fleet', fleetId: f.fleetId },
          },
          meta(),
        ),
      )
      must(
        `vehicle ${v.plate}`,
        await business.fleets.changeVehicles(
          hq,
          f.fleetId,
          {
            kind: 'AddVehicle',
            vehicle: {
              equipmentId: v.equipmentId,
              plate: v.plate,
              plateCountry: 'PL',
              vin: `WF0XXXTTGX${v.equipmentId.toUpperCase().replace(/[^A-Z0-9]/g, '')}`.padEnd(17, '7').slice(0, 17),
              make: 'Ford',
              model: 'Transit',
              year: 2021,
              branchId: v.branchId,
            },
          },
          meta(),
        ),
      )
      if (v.tread !== null)
        for (const position of ['FL', 'FR', 'RL', 'RR'] as const)
          must(
            `tyre ${v.plate} ${position}`,
            await repair.equipment.change(
              hq,
              v.equipmentId,
              {
                kind: 'MountTyre',
                tyreId: `${v.equipmentId}-${position}`,
                position,
                brand: 'Continental',
                size: '215/65R16C',
                dotCode: '0324',
                season: 'all_season',
                treadDepthMm: v.tread,
                mileageKm: 80_000,
              },
              meta(),
            ),
          )
    }
  }
  const manager = 'menedzer@alfa.pl'
  must(
    'fleet manager',
    await access.accounts.createAccount(
      hq,
      {
        email: manager as Email,
        password: PASSWORD as Password,
        displayName: 'Marta Menedżer' as DisplayName,
        role: 'fleet_manager',
        fleetId: 'fleet-alfa' as EntityId,
      },
      meta(),
    ),
  )
  // A contract for the first fleet from three months ago, a flat monthly fee, and the billing of the
  // months already over: the dashboard's spend per month. Billing waits for its read models.
  const month = new Date().toISOString().slice(0, 7)
  const monthsBack = (k: number) => {
    const d = new Date(`${month}-01T00:00:00Z`)
    d.setUTCMonth(d.getUTCMonth() - k)
    return d.toISOString().slice(0, 7)
  }
  const hours = [{ from: '08:00', to: '18:00' }]
  must(
    'contract',
    await business.contracts.sign(
      hq,
      {
        contractId: 'ctr-alfa',
        contractNumber: 'UM/ALFA/1',
        holder: { kind: 'fleet', fleetId: 'fleet-alfa' },
        currency: 'PLN',
        timeZone: 'Europe/Warsaw',
        validFrom: `${monthsBack(3)}-01`,
        validTo: null,
        terms: {
          coverage: { equipmentIds: ['alfa-1', 'alfa-2', 'alfa-3'], serviceCodes: ['BALANCING'] },
          priceList: [
            { serviceCode: 'BALANCING', term: { kind: 'flat_monthly', monthlyFeeMinor: 90_000 }, vatRatePercent: 23 },
          ],
          discount: { servicesBasisPoints: 0, partsBasisPoints: 0 },
          sla: {
            clock: {
              kind: 'business_hours',
              timeZone: 'Europe/Warsaw',
              weeklyHours: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours, sat: [], sun: [] },
              holidays: [],
            },
            targets: {
              critical: { reactionMinutes: 60, resolutionMinutes: 480 },
              high: { reactionMinutes: 120, resolutionMinutes: 960 },
              normal: { reactionMinutes: 240, resolutionMinutes: 2_400 },
              low: { reactionMinutes: 480, resolutionMinutes: 4_800 },
            },
            headOfficeEscalationAfterMinutes: 240,
          },
          schedule: [],
        },
      },
      meta(),
    ),
  )
  for (const k of [3, 2, 1]) {
    for (let attempt = 0; ; attempt++) {
      const run = await business.billing.runMonth(hq, monthsBack(k), {}, meta())
      if (!isLeft(run)) break
      if (attempt > 100) must(`billing ${monthsBack(k)}`, run)
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  const alfa = fleets[0] as (typeof fleets)[number]
  const beta = fleets[1] as (typeof fleets)[number]
  const stored = (plate: string) => plate.replace(/\s/g, '')
  return {
    customer: { email, customerId, plate: 'WI7007E' },
    estimate: {
      workOrderId: waitingId,
      trackingCode: waiting.trackingCode,
      code: sent.accessCode,
      lines: [
        { lineId: 'balance', description: /Wyważanie kół/ },
        { lineId: 'valves', description: /Zawór TR413/ },
      ],
    },
    handedOver: { workOrderId: doneId, trackingCode: done.trackingCode },
    ticketId: ticket.ticketId,
    fleet: {
      fleetId: alfa.fleetId,
      name: alfa.name,
      manager,
      branches: alfa.branches,
      plates: {
        waw: alfa.vehicles.filter((v) => v.branchId === 'waw').map((v) => stored(v.plate)),
        krk: alfa.vehicles.filter((v) => v.branchId === 'krk').map((v) => stored(v.plate)),
      },
      billedMonths: [3, 2, 1].map(monthsBack),
    },
    otherFleet: {
      fleetId: beta.fleetId,
      equipmentId: beta.vehicles[0]?.equipmentId ?? '',
      plate: stored(beta.vehicles[0]?.plate ?? ''),
    },
  }
}
