export {
  ID_PREFIXES,
  ID_RANDOM_LENGTH,
  type IdKind,
  idSchema,
  isId,
  newId,
  randomBase62,
} from './ids';
export { redirectUrlProblem } from './redirects';
