/** The product version, written in reports ("tonghop x.y.z") and the CLI JSON. Keep in step with package.json. */
export const VERSION = "0.1.0";
