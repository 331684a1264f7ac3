/** Sections of the method document (docs/status-method.md), as the method page numbers its headings. */
export const METHOD_ANCHORS = {
  ingredients: '/method#the-ingredients',
  numbers: '/method#three-numbers-progress-expected-progress-pace',
  statuses: '/method#the-thresholds-and-the-statuses',
  forecast: '/method#forecast',
  reproducing: '/method#which-figures-count-and-reproducing-a-past-report',
  rollups: '/method#roll-ups-a-plan-a-field-a-unit-the-province',
  definitionErrors: '/method#when-a-target-cannot-be-evaluated',
} as const;
