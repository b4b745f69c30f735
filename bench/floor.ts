/** The floor as a whole process (`node dist/bench/floor.cjs DIR`), for the bench's process rows. */
import { floorDir } from "./floor-lib";

const dir = process.argv[2];
if (!dir) throw new Error("usage: floor.cjs DIR");
process.stdout.write(`${floorDir(dir)}\n`);
