export default async function globalTeardown(): Promise<void> {
  const { stopMongoForTests } = await import("../support/mongo-server");
  await stopMongoForTests();
}
