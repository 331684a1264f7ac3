/** The statuses that need leadership's attention, as the API's status filter takes them. */
export const ATTENTION = 'at_risk,off_track,missed';
