CREATE TABLE "boards" (
	"id" text PRIMARY KEY NOT NULL,
	"board" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "playlists" (
	"id" text PRIMARY KEY NOT NULL,
	"playlist" jsonb NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"updated_by" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "displays" ALTER COLUMN "board" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "displays" ADD COLUMN "playlist" text;--> statement-breakpoint
ALTER TABLE "displays" ADD COLUMN "night" jsonb;