<?php
// hive: relpath=public/index.php module=
// A script in the global namespace: its top-level variables are globals.

require_once __DIR__ . '/../vendor/autoload.php';
// ^ import /../vendor/autoload.php module=/../vendor/autoload.php
include 'config.php';
// ^ import config.php module=config.php

$config = ['debug' => true, 'greeting' => 'Grüß Gott'];
// <- definition.variable $config sig="$config = ['debug' => true, 'greeting' => 'Grüß Gott']"
$app = new Application($config);
// <- definition.variable $app
//         ^ reference.call Application

/**
 * One setting, by key.
 */
function config(string $key): mixed
//       ^ definition.function config doc="One setting, by key."
{
    global $config;
    $value = $config[$key] ?? null;
    // ^ !reference.call
    return $value;
}

$app->run(config('debug'));
//    ^ reference.call run receiver=$app
//        ^ reference.call config receiver=""
