CREATE TABLE "webhook_rejections" (
	"id" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"provider" text NOT NULL,
	"reason" text NOT NULL,
	"source" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"first_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_at" timestamp with time zone DEFAULT now() NOT NULL,
	"max_bytes" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "effects" jsonb;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "payload" text;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "payload_bytes" integer;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "duplicates" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "last_received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "webhook_rejections" ADD CONSTRAINT "webhook_rejections_tenant_id_organizations_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_rejections_window_key" ON "webhook_rejections" USING btree ("tenant_id","provider","reason","source","window_start");--> statement-breakpoint
CREATE INDEX "webhook_rejections_tenant_last_idx" ON "webhook_rejections" USING btree ("tenant_id","last_at","id");--> statement-breakpoint
CREATE INDEX "webhook_rejections_last_idx" ON "webhook_rejections" USING btree ("last_at");--> statement-breakpoint
CREATE INDEX "webhook_events_tenant_received_idx" ON "webhook_events" USING btree ("tenant_id","received_at","id");