export {
	agentId,
	createHallSimulation,
	dayKey,
	simulateDay,
	type HallSimulation,
	type SimulationOptions
} from './hall';
export { MinHeap, type HeapItem } from './heap';
export {
	PEAK_DAY_PROFILE,
	type Duration,
	type HallProfile,
	type QueueProfile,
	type ShiftProfile,
	type TopicProfile
} from './profile';
export {
	chance,
	createRng,
	exponential,
	hashSeed,
	integer,
	lognormal,
	nextPoissonArrival,
	normal,
	pick,
	uniform,
	weightedPicker,
	type Rng
} from './prng';
