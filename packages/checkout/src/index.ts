// The public surface of @prood/checkout; filled in by its own issue.
export {};
