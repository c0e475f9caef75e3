export async function measureApp() {
  return { status: 'unavailable', reason: 'not yet' };
}
