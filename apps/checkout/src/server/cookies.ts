/** Set on the browser that paid a session, so a paid payment link thanks only its buyer. */
export const PAID_COOKIE = 'prood_paid';
