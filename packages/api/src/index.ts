// The public surface of @prood/api; filled in by its own issue.
export {};
