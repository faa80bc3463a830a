// What a sign-in form gets back when the sign-in could not start (on success it redirects).
export interface SignInFormState {
  error?: string;
  organization?: string;
}
