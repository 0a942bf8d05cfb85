CREATE TABLE "history_tickets_hourly" (
	"day" date NOT NULL,
	"hour" smallint NOT NULL,
	"district" text NOT NULL,
	"topic" text NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "history_tickets_hourly_day_hour_district_topic_shard_pk" PRIMARY KEY("day","hour","district","topic","shard")
);
