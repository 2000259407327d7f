// The public surface of @prood/checkout-host; filled in by its own issue.
export {};
