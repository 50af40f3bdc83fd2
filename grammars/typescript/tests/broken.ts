// hive: relpath=src/broken.ts module=src.broken errors=1
// A half-typed member leaves the declarations around it intact.

export interface Draft {
  //             ^ definition.interface Draft
  title: string;
  // <- definition.property Draft.title
  body: ;
  // <- definition.property Draft.body
}

export class Editor {
  //         ^ definition.class Editor
  open(draft: Draft): void {
    // <- definition.method Editor.open
    //          ^ reference.type Draft
    this.render(draft);
    //   ^ reference.call render receiver=this
  }
}
