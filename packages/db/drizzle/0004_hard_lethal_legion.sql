CREATE TABLE "checkout_settings" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"display_name" text,
	"logo_url" text,
	"accent_color" text,
	"default_locale" text DEFAULT 'en' NOT NULL,
	"shipping_countries" text[] DEFAULT '{}' NOT NULL,
	"collect_phone" boolean DEFAULT false NOT NULL,
	"adjustable_quantity" boolean DEFAULT false NOT NULL,
	"collect_tax_id" boolean DEFAULT false NOT NULL,
	"terms_url" text,
	"stripe_flow" text DEFAULT 'embedded' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shipping_rates" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"name" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"free_above" bigint,
	"min_delivery_days" integer,
	"max_delivery_days" integer,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shipping_rates_amount_nonnegative" CHECK ("shipping_rates"."amount" >= 0),
	CONSTRAINT "shipping_rates_days_ordered" CHECK ("shipping_rates"."min_delivery_days" IS NULL OR "shipping_rates"."max_delivery_days" IS NULL OR "shipping_rates"."min_delivery_days" <= "shipping_rates"."max_delivery_days")
);
--> statement-breakpoint
ALTER TABLE "orders" DROP CONSTRAINT "orders_totals_consistent";--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_total" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "cancel_url" text;--> statement-breakpoint
ALTER TABLE "orders" ADD COLUMN "shipping_rate_id" text;--> statement-breakpoint
ALTER TABLE "checkout_settings" ADD CONSTRAINT "checkout_settings_tenant_id_organizations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shipping_rates" ADD CONSTRAINT "shipping_rates_tenant_id_organizations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "shipping_rates_tenant_idx" ON "shipping_rates" USING btree ("tenant_id");--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_totals_consistent" CHECK ("orders"."total" >= 0 AND "orders"."subtotal" >= 0 AND "orders"."discount_total" >= 0 AND "orders"."tax_total" >= 0 AND "orders"."shipping_total" >= 0);