/** The checkout app's notes of deliveries it refused: the same handler counts them. */
export { POST } from '../route';

// Next.js reads segment config statically: it cannot be re-exported
export const dynamic = 'force-dynamic';
