CREATE TABLE "alerts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"level" text NOT NULL,
	"value" double precision NOT NULL,
	"raised_at" timestamp (3) with time zone NOT NULL,
	"cleared_at" timestamp (3) with time zone,
	"acked_at" timestamp (3) with time zone,
	"acked_by" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_active_key_idx" ON "alerts" USING btree ("key") WHERE cleared_at is null;--> statement-breakpoint
CREATE INDEX "alerts_raised_at_idx" ON "alerts" USING btree ("raised_at");