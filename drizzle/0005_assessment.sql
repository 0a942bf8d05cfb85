CREATE TABLE "history_assessment_daily" (
	"day" date NOT NULL,
	"district" text NOT NULL,
	"street" text NOT NULL,
	"department" text NOT NULL,
	"topic" text NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"surveyed" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "history_assessment_daily_day_district_street_department_topic_shard_pk" PRIMARY KEY("day","district","street","department","topic","shard")
);
--> statement-breakpoint
CREATE TABLE "history_assessment_monthly" (
	"month" date NOT NULL,
	"district" text NOT NULL,
	"street" text NOT NULL,
	"department" text NOT NULL,
	"topic" text NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"surveyed" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"resolved" integer DEFAULT 0 NOT NULL,
	"satisfied" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "history_assessment_monthly_month_district_street_department_topic_shard_pk" PRIMARY KEY("month","district","street","department","topic","shard")
);
