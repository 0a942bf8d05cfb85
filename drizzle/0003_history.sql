CREATE TABLE "history_calls_15m" (
	"day" date NOT NULL,
	"minute" smallint NOT NULL,
	"queue" text NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	"offered" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"answered_within_target" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"wait_ms_sum" bigint DEFAULT 0 NOT NULL,
	"ended" integer DEFAULT 0 NOT NULL,
	"talk_ms_sum" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "history_calls_15m_day_minute_queue_shard_pk" PRIMARY KEY("day","minute","queue","shard")
);
--> statement-breakpoint
CREATE TABLE "history_calls_daily" (
	"day" date NOT NULL,
	"queue" text NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	"offered" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"answered_within_target" integer DEFAULT 0 NOT NULL,
	"abandoned" integer DEFAULT 0 NOT NULL,
	"wait_ms_sum" bigint DEFAULT 0 NOT NULL,
	"ended" integer DEFAULT 0 NOT NULL,
	"talk_ms_sum" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "history_calls_daily_day_queue_shard_pk" PRIMARY KEY("day","queue","shard")
);
--> statement-breakpoint
CREATE TABLE "history_tickets_daily" (
	"day" date NOT NULL,
	"category" text NOT NULL,
	"district" text NOT NULL,
	"department" text NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"dispatched" integer DEFAULT 0 NOT NULL,
	"dispatched_on_time" integer DEFAULT 0 NOT NULL,
	"dispatched_late" integer DEFAULT 0 NOT NULL,
	"feedback_resolved" integer DEFAULT 0 NOT NULL,
	"feedback_unresolvable" integer DEFAULT 0 NOT NULL,
	"feedback_unreasonable" integer DEFAULT 0 NOT NULL,
	"surveyed" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "history_tickets_daily_day_category_district_department_shard_pk" PRIMARY KEY("day","category","district","department","shard")
);
--> statement-breakpoint
CREATE TABLE "history_tickets_monthly" (
	"month" date NOT NULL,
	"category" text NOT NULL,
	"district" text NOT NULL,
	"department" text NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"dispatched" integer DEFAULT 0 NOT NULL,
	"dispatched_on_time" integer DEFAULT 0 NOT NULL,
	"dispatched_late" integer DEFAULT 0 NOT NULL,
	"feedback_resolved" integer DEFAULT 0 NOT NULL,
	"feedback_unresolvable" integer DEFAULT 0 NOT NULL,
	"feedback_unreasonable" integer DEFAULT 0 NOT NULL,
	"surveyed" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "history_tickets_monthly_month_category_district_department_shard_pk" PRIMARY KEY("month","category","district","department","shard")
);
--> statement-breakpoint
CREATE TABLE "history_tickets_totals_daily" (
	"day" date NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"dispatched" integer DEFAULT 0 NOT NULL,
	"dispatched_on_time" integer DEFAULT 0 NOT NULL,
	"dispatched_late" integer DEFAULT 0 NOT NULL,
	"feedback_resolved" integer DEFAULT 0 NOT NULL,
	"feedback_unresolvable" integer DEFAULT 0 NOT NULL,
	"feedback_unreasonable" integer DEFAULT 0 NOT NULL,
	"surveyed" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "history_tickets_totals_daily_day_shard_pk" PRIMARY KEY("day","shard")
);
--> statement-breakpoint
CREATE INDEX "events_entity_idx" ON "events" USING btree ("entity");