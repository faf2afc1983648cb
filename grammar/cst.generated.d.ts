// Generated from grammar/parser.ts by `npm run gen`. DO NOT EDIT.
import type { CstNode, ICstVisitor, IToken } from "chevrotain";

export interface AppDeclCstNode extends CstNode {
  name: "appDecl";
  children: AppDeclCstChildren;
}

export type AppDeclCstChildren = {
  Kw_app: IToken[];
  Name: IToken[];
  settingsBlock?: SettingsBlockCstNode[];
};

export interface StageDeclCstNode extends CstNode {
  name: "stageDecl";
  children: StageDeclCstChildren;
}

export type StageDeclCstChildren = {
  Kw_stage: IToken[];
  Name: IToken[];
  settingsBlock?: SettingsBlockCstNode[];
};

export interface TypeDeclCstNode extends CstNode {
  name: "typeDecl";
  children: TypeDeclCstChildren;
}

export type TypeDeclCstChildren = {
  Kw_type: IToken[];
  Name: IToken[];
  Equals: IToken[];
  typeExpr: TypeExprCstNode[];
};

export interface FnDeclCstNode extends CstNode {
  name: "fnDecl";
  children: FnDeclCstChildren;
}

export type FnDeclCstChildren = {
  Kw_fn: IToken[];
  Name: IToken[];
  LParen?: IToken[];
  input?: TypeExprCstNode[];
  RParen?: IToken[];
  Arrow?: IToken[];
  output?: TypeExprCstNode[];
  settingsBlock?: SettingsBlockCstNode[];
};

export interface ResourceDeclCstNode extends CstNode {
  name: "resourceDecl";
  children: ResourceDeclCstChildren;
}

export type ResourceDeclCstChildren = {
  Kw_queue?: IToken[];
  Kw_topic?: IToken[];
  Kw_bus?: IToken[];
  Kw_stream?: IToken[];
  Kw_table?: IToken[];
  Kw_api?: IToken[];
  Kw_bucket?: IToken[];
  Kw_schedule?: IToken[];
  Name: IToken[];
  Colon?: IToken[];
  typeExpr?: TypeExprCstNode[];
  settingsBlock?: SettingsBlockCstNode[];
};

export interface ChainCstNode extends CstNode {
  name: "chain";
  children: ChainCstChildren;
}

export type ChainCstChildren = {
  endpoint: (EndpointCstNode)[];
  Arrow: IToken[];
  settingsBlock?: SettingsBlockCstNode[];
};

export interface EndpointCstNode extends CstNode {
  name: "endpoint";
  children: EndpointCstChildren;
}

export type EndpointCstChildren = {
  Name: (IToken)[];
  Dot?: IToken[];
};

export interface SettingsBlockCstNode extends CstNode {
  name: "settingsBlock";
  children: SettingsBlockCstChildren;
}

export type SettingsBlockCstChildren = {
  LBrace: IToken[];
  setting?: (SettingCstNode)[];
  Comma?: IToken[];
  Newline?: IToken[];
  RBrace: IToken[];
};

export interface SettingCstNode extends CstNode {
  name: "setting";
  children: SettingCstChildren;
}

export type SettingCstChildren = {
  Name?: IToken[];
  StringLiteral?: IToken[];
  Equals?: IToken[];
  value?: ValueCstNode[];
  settingsBlock?: SettingsBlockCstNode[];
  arguments?: ArgumentsCstNode[];
};

export interface ValueCstNode extends CstNode {
  name: "value";
  children: ValueCstChildren;
}

export type ValueCstChildren = {
  StringLiteral?: IToken[];
  NumberLiteral?: IToken[];
  Duration?: IToken[];
  path?: PathCstNode[];
  list?: ListCstNode[];
  settingsBlock?: SettingsBlockCstNode[];
};

export interface PathCstNode extends CstNode {
  name: "path";
  children: PathCstChildren;
}

export type PathCstChildren = {
  Name: (IToken)[];
  Dot?: IToken[];
  arguments?: ArgumentsCstNode[];
};

export interface ArgumentsCstNode extends CstNode {
  name: "arguments";
  children: ArgumentsCstChildren;
}

export type ArgumentsCstChildren = {
  LParen: IToken[];
  argument?: (ArgumentCstNode)[];
  Comma?: IToken[];
  Newline?: IToken[];
  RParen: IToken[];
};

export interface ArgumentCstNode extends CstNode {
  name: "argument";
  children: ArgumentCstChildren;
}

export type ArgumentCstChildren = {
  comparison?: ComparisonCstNode[];
  value?: ValueCstNode[];
};

export interface ComparisonCstNode extends CstNode {
  name: "comparison";
  children: ComparisonCstChildren;
}

export type ComparisonCstChildren = {
  RAngle?: IToken[];
  GreaterEquals?: IToken[];
  LAngle?: IToken[];
  LessEquals?: IToken[];
  Equals?: IToken[];
  NumberLiteral: IToken[];
};

export interface ListCstNode extends CstNode {
  name: "list";
  children: ListCstChildren;
}

export type ListCstChildren = {
  LBracket: IToken[];
  value?: (ValueCstNode)[];
  Comma?: IToken[];
  Newline?: IToken[];
  RBracket: IToken[];
};

export interface TypeExprCstNode extends CstNode {
  name: "typeExpr";
  children: TypeExprCstChildren;
}

export type TypeExprCstChildren = {
  Pipe?: (IToken)[];
  unionMember: (UnionMemberCstNode)[];
};

export interface UnionMemberCstNode extends CstNode {
  name: "unionMember";
  children: UnionMemberCstChildren;
}

export type UnionMemberCstChildren = {
  primaryType: PrimaryTypeCstNode[];
  LBracket?: IToken[];
  RBracket?: IToken[];
};

export interface PrimaryTypeCstNode extends CstNode {
  name: "primaryType";
  children: PrimaryTypeCstChildren;
}

export type PrimaryTypeCstChildren = {
  Name?: (IToken)[];
  LAngle?: IToken[];
  RAngle?: IToken[];
  StringLiteral?: IToken[];
  recordType?: RecordTypeCstNode[];
  LParen?: IToken[];
  typeExpr?: TypeExprCstNode[];
  RParen?: IToken[];
};

export interface RecordTypeCstNode extends CstNode {
  name: "recordType";
  children: RecordTypeCstChildren;
}

export type RecordTypeCstChildren = {
  LBrace: IToken[];
  field?: (FieldCstNode)[];
  Comma?: IToken[];
  Newline?: IToken[];
  RBrace: IToken[];
};

export interface FieldCstNode extends CstNode {
  name: "field";
  children: FieldCstChildren;
}

export type FieldCstChildren = {
  Name: IToken[];
  Question?: IToken[];
  Colon: IToken[];
  typeExpr: TypeExprCstNode[];
};
