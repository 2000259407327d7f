import { CreateOrganizationForm } from '../../../../components/create-organization-form';

export const metadata = { title: 'Create an organization · prood' };

export default function NewOrganizationPage() {
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Create an organization</h1>
      <p className="mb-4 text-sm text-muted">
        An organization is one shop: its own providers, products, orders and keys.
      </p>
      <CreateOrganizationForm />
    </>
  );
}
