ALTER TABLE "products" ADD COLUMN "image_url" text;--> statement-breakpoint
ALTER TABLE "products" ADD COLUMN "fulfillment_methods" text[] DEFAULT ARRAY['shipping','local_delivery','pickup','digital']::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "products" ADD CONSTRAINT "products_fulfillment_methods_present" CHECK (cardinality("products"."fulfillment_methods") >= 1);