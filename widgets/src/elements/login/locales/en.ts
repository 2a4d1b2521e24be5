/** English messages of <porttask-login>. Bundled with the element. */
const en = {
  frameTitle: 'Sign in',
  signedInAs: 'Signed in as {email}',
  signOut: 'Sign out',
  restoring: 'Checking your sign-in…',
  unavailable: 'Sign-in is unavailable right now. Try again later.',
  accountSecurity: 'Account security',
};
export default en;
