import { NotFoundView } from '@prood/next-config/error-pages';

export default function NotFound() {
  return <NotFoundView />;
}
