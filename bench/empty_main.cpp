// The startup baseline: a C++ program that does nothing, compiled with the same flags and linked
// against the same libraries as ws-handshake, so it loads the same shared objects.
int main() {
  return 0;
}
