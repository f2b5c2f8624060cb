/** Placeholder until the FerretDB harness lands: the store helper replaces this file. */
export async function startMongoForTests(): Promise<void> {}
export async function stopMongoForTests(): Promise<void> {}
