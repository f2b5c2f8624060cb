/** Starts one MongoDB-wire server (FerretDB) for the whole jest run, unless MONGODB_URI is given. */
export default async function globalSetup(): Promise<void> {
  const { startMongoForTests } = await import("../support/mongo-server");
  await startMongoForTests();
}
