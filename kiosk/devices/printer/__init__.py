"""Receipt printers: ESC/POS over USB, serial or the network (python-escpos), and a simulated one."""
