CREATE TABLE "payment_attempts" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"order_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"provider" text,
	"checkout_session_id" text,
	"provider_session_id" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "unpaid_order_lifetime_seconds" integer DEFAULT 86400 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_tenant_id_organizations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD CONSTRAINT "payment_attempts_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_attempts_order_attempt_key" ON "payment_attempts" USING btree ("order_id","attempt");--> statement-breakpoint
CREATE INDEX "payment_attempts_tenant_session_idx" ON "payment_attempts" USING btree ("tenant_id","checkout_session_id");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_unpaid_order_lifetime_range" CHECK ("organizations"."unpaid_order_lifetime_seconds" BETWEEN 1800 AND 2592000);