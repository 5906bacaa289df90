// The catalogue and the public point list change rarely: each page load fetches them once and the
// pages share the answer.
import type { Endpoints } from './api/endpoints.js'
import type { CatalogueGoods, CatalogueService, PublicPoint } from './api/types.js'
import { type Loaded, useLoad } from './useLoad.js'

const cache = new Map<string, Promise<unknown>>()

function once<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined
  if (!p) {
    p = load()
    cache.set(key, p)
    // A failed load is not kept: the next page tries again.
    p.catch(() => cache.delete(key))
  }
  return p
}

export const useServices = (api: Endpoints): Loaded<readonly CatalogueService[]> =>
  useLoad(() => once('services', async () => (await api.services()).items), [])

export const useGoods = (api: Endpoints): Loaded<readonly CatalogueGoods[]> =>
  useLoad(() => once('goods', async () => (await api.goods()).items), [])

export const usePublicPoints = (api: Endpoints): Loaded<readonly PublicPoint[]> =>
  useLoad(() => once('points', async () => (await api.points()).items), [])

/** Service names for a booking line, in the chosen locale. */
export function serviceNames(
  codes: readonly { readonly code: string }[],
  services: readonly CatalogueService[] | null,
  name: (names: Readonly<Record<string, string>>, fallback: string) => string,
): string {
  return codes
    .map((c) => {
      const s = services?.find((x) => x.code === c.code)
      return s ? name(s.names, c.code) : c.code
    })
    .join(', ')
}
