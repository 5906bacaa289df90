// Who should take this job: a ranking of a point's technicians for the skills a job needs and the
// work they already have. Pure; the application supplies skills (staff schedule) and workload
// (e.g. minutes of open work assigned to each, from the read model).

export interface TechnicianCandidate {
  readonly technicianId: string
  readonly skills: ReadonlyArray<string>
  /** Minutes of work already on their plate. */
  readonly workloadMinutes: number
  /** On shift and not absent; unavailable technicians are left out. */
  readonly available: boolean
}

export interface TechnicianSuggestion {
  readonly technicianId: string
  /** Holds every skill needed. */
  readonly fits: boolean
  readonly missingSkills: ReadonlyArray<string>
  readonly workloadMinutes: number
  /** Skills beyond the job's: fewer is better, so specialists stay free for the jobs only they can do. */
  readonly extraSkills: number
}

/**
 * Ranked best first: those with every skill, then by fewest missing skills; among equals the least
 * loaded, then the least specialised, then by id (a stable order for the same input).
 */
export function suggestTechnicians(
  skillsNeeded: ReadonlyArray<string>,
  technicians: ReadonlyArray<TechnicianCandidate>,
): TechnicianSuggestion[] {
  const needed = [...new Set(skillsNeeded)]
  return technicians
    .filter((t) => t.available)
    .map((t) => {
      const has = new Set(t.skills)
      const missingSkills = needed.filter((s) => !has.has(s))
      return {
        technicianId: t.technicianId,
        fits: missingSkills.length === 0,
        missingSkills,
        workloadMinutes: Math.max(0, t.workloadMinutes),
        extraSkills: [...has].filter((s) => !needed.includes(s)).length,
      }
    })
    .sort(
      (a, b) =>
        a.missingSkills.length - b.missingSkills.length ||
        a.workloadMinutes - b.workloadMinutes ||
        a.extraSkills - b.extraSkills ||
        a.technicianId.localeCompare(b.technicianId),
    )
}
