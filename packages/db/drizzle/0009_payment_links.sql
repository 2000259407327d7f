CREATE TABLE "payment_links" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint,
	"currency" char(3),
	"description" text,
	"price_id" text,
	"quantity" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"paid_at" timestamp with time zone,
	"provider_payment_id" text,
	"expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_links_kind_fields" CHECK (("payment_links"."kind" = 'invoice' AND "payment_links"."amount" IS NOT NULL AND "payment_links"."amount" > 0 AND "payment_links"."currency" IS NOT NULL AND "payment_links"."price_id" IS NULL)
        OR ("payment_links"."kind" = 'product' AND "payment_links"."price_id" IS NOT NULL AND "payment_links"."amount" IS NULL)),
	CONSTRAINT "payment_links_quantity_positive" CHECK ("payment_links"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "payment_link_id" text;--> statement-breakpoint
ALTER TABLE "payment_links" ADD CONSTRAINT "payment_links_tenant_id_organizations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_links" ADD CONSTRAINT "payment_links_price_id_prices_id_fk" FOREIGN KEY ("price_id") REFERENCES "public"."prices"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_links_tenant_created_idx" ON "payment_links" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_payment_link_id_payment_links_id_fk" FOREIGN KEY ("payment_link_id") REFERENCES "public"."payment_links"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_payment_link_idx" ON "orders" USING btree ("payment_link_id");