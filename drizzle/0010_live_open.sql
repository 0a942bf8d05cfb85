CREATE TABLE "live_open" (
	"kind" text NOT NULL,
	"entity" text NOT NULL,
	CONSTRAINT "live_open_kind_entity_pk" PRIMARY KEY("kind","entity")
);
--> statement-breakpoint
-- What is open in the events already stored (once, at the upgrade): the old restore's rules 4 and 5.
INSERT INTO "live_open" ("kind", "entity")
SELECT DISTINCT 'call', o."entity" FROM "events" o
WHERE o."type" = 'call.offered'
	AND NOT EXISTS (SELECT 1 FROM "events" x WHERE x."type" = 'call.answered' AND x."entity" = o."entity")
	AND NOT EXISTS (SELECT 1 FROM "events" x WHERE x."type" = 'call.abandoned' AND x."entity" = o."entity")
UNION
SELECT DISTINCT 'ticket', c."entity" FROM "events" c
WHERE c."type" = 'ticket.created'
	AND NOT EXISTS (SELECT 1 FROM "events" x WHERE x."type" = 'ticket.dispatched' AND x."entity" = c."entity")
ON CONFLICT DO NOTHING;
