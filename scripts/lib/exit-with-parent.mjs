// Preloaded (node --import) into the servers that tests start as child processes, with stdin a
// pipe from the test process. However the test process ends (done, failed, timed out, killed), the
// pipe closes, and the server ends with it: no test leaves a server running.
process.stdin.on('end', () => process.kill(process.pid, 'SIGKILL'));
process.stdin.on('error', () => process.kill(process.pid, 'SIGKILL'));
process.stdin.resume();
