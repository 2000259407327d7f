ALTER TABLE "order_items" ALTER COLUMN "product_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "order_items" ALTER COLUMN "price_id" DROP NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "orders_invoice_link_key" ON "orders" USING btree ("payment_link_id") WHERE "orders"."payment_link_id" = "orders"."checkout_session_id";--> statement-breakpoint
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_product_price_together" CHECK (("order_items"."product_id" IS NULL) = ("order_items"."price_id" IS NULL));