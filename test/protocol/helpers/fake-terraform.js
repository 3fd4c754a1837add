// Stands in for Terraform as the parent of provider launches (the run host keys its run on the
// launcher's parent pid and ends with it): told over IPC, it starts a launcher with go-plugin's
// environment, answers with the launcher's pid and handshake line, and reports its exit and stderr.
'use strict';
const { spawn } = require('node:child_process');

const launches = new Map();

process.on('message', (message) => {
  if (message.type === 'launch') {
    const child = spawn(message.command[0], message.command.slice(1), { env: message.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const launch = { child, stdout: '', stderr: '', lineSent: false };
    launches.set(message.id, launch);
    child.stdout.on('data', (chunk) => {
      launch.stdout += chunk;
      const newline = launch.stdout.indexOf('\n');
      if (newline >= 0 && !launch.lineSent) {
        launch.lineSent = true;
        process.send({ type: 'line', id: message.id, pid: child.pid, line: launch.stdout.slice(0, newline) });
      }
    });
    child.stderr.on('data', (chunk) => (launch.stderr += chunk));
    child.on('exit', (code, signal) => process.send({ type: 'exit', id: message.id, code, signal, stderr: launch.stderr }));
  } else if (message.type === 'kill') {
    launches.get(message.id)?.child.kill(message.signal);
  }
});
process.send({ type: 'ready' });
