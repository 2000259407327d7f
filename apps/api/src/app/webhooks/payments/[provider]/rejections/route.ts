/** The checkout app's notes of deliveries it refused: the same handler counts them. */
export { dynamic, POST } from '../route';
