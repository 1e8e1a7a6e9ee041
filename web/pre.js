// Runs before the wasm starts: wires loading progress to the page (shell.html) and WebGL context loss.
Module.canvas = Module.canvas || document.getElementById('canvas');
Module.setStatus = Module.setStatus || function (text) {
    if (window.gsShell) window.gsShell.status(text);
};
Module.monitorRunDependencies = Module.monitorRunDependencies || function (left) {};
Module.printErr = Module.printErr || function (text) { console.warn(text); };
if (Module.canvas) {
    Module.canvas.addEventListener('webglcontextlost', function (e) {
        e.preventDefault();
        if (window.gsShell) window.gsShell.fatal('WebGL 上下文丢失，请刷新页面。 / The WebGL context was lost: reload the page.');
    }, false);
}
