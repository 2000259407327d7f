-- Single-column tenant_id indexes that a composite index led by tenant_id already serves:
-- they answered no query the composite could not, and cost a write on every insert and every
-- update that moves a row (an order's status change, a payment, a webhook event).
DROP INDEX "coupons_tenant_idx";--> statement-breakpoint
DROP INDEX "integrations_tenant_idx";--> statement-breakpoint
DROP INDEX "orders_tenant_idx";--> statement-breakpoint
DROP INDEX "payments_tenant_idx";--> statement-breakpoint
DROP INDEX "provider_customers_tenant_idx";--> statement-breakpoint
DROP INDEX "refunds_tenant_idx";--> statement-breakpoint
DROP INDEX "subscriptions_tenant_idx";--> statement-breakpoint
DROP INDEX "webhook_events_tenant_idx";