CREATE TABLE "source_positions" (
	"source" text PRIMARY KEY NOT NULL,
	"device" text NOT NULL,
	"inode" text NOT NULL,
	"offset" bigint NOT NULL,
	"tail_sha256" text NOT NULL,
	"tail_length" integer NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
